"""The guide's small markdown: rendered, never a way to inject HTML."""

from fiches.templatetags.fiches import anchor, lines, markdown


def test_html_in_content_is_escaped_not_interpreted():
    html = markdown("Avant <script>alert('x')</script> après")
    assert "&lt;script&gt;" in html
    assert "<script>" not in html


def test_an_html_block_is_escaped_too():
    html = markdown('<div onclick="x()">bloc</div>')
    assert "<div" not in html
    assert "&lt;div" in html


def test_links_open_without_a_handle_on_the_page():
    html = markdown("[Anact](https://www.anact.fr/)")
    assert html.strip() == '<p><a href="https://www.anact.fr/" rel="noopener">Anact</a></p>'


def test_javascript_links_are_not_rendered_as_links():
    assert "href" not in markdown("[clic](javascript:alert(1))")


def test_bare_addresses_are_not_turned_into_links():
    assert "<a" not in markdown("Voir https://www.anact.fr/ pour plus")


def test_lists_and_emphasis_are_rendered():
    html = markdown("- **un**\n- *deux*")
    assert "<ul>" in html and "<strong>un</strong>" in html and "<em>deux</em>" in html


def test_empty_content_renders_nothing():
    assert markdown("") == ""
    assert markdown(None) == ""


def test_table_cells_split_on_line_breaks_and_statement_codes_become_anchors():
    assert lines("Téléphone\nMessagerie\n") == ["Téléphone", "Messagerie"]
    assert anchor("projet.1") == "projet-1"
