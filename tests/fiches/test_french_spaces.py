"""French typography at display: a no-break space before « ? ! ; : » and inside « », so that a
« ? » never starts a line. The stored texts stay the guide's, verbatim."""

from django.template import Context, Template
from django.utils.safestring import SafeData, mark_safe

from fiches.templatetags.fiches import french_spaces

NBSP = "\u00a0"


def test_a_space_before_a_question_mark_colon_semicolon_or_bang_becomes_a_no_break_space():
    text = "Où en sommes-nous ? Ensuite : ceci ; cela !"
    assert french_spaces(text) == (
        f"Où en sommes-nous{NBSP}? Ensuite{NBSP}: ceci{NBSP}; cela{NBSP}!"
    )


def test_guillemets_hold_their_words_and_a_line_break_before_the_mark_goes_too():
    assert french_spaces("Les « oui » et\n  ?") == f"Les «{NBSP}oui{NBSP}» et{NBSP}?"


def test_nothing_is_added_where_there_was_no_space_and_english_is_untouched():
    assert french_spaces("Where are we? Note: http://x.example/?a=1") == (
        "Where are we? Note: http://x.example/?a=1"
    )


def test_plain_text_stays_plain_so_that_it_is_still_escaped():
    result = french_spaces("<b>Pourquoi ?</b>")
    assert not isinstance(result, SafeData)
    rendered = Template("{% load fiches %}{{ text|french_spaces }}").render(
        Context({"text": "<b>Pourquoi ?</b>"})
    )
    assert rendered == f"&lt;b&gt;Pourquoi{NBSP}?&lt;/b&gt;"
    assert isinstance(result, str)


def test_in_html_only_the_text_between_tags_changes():
    html = mark_safe(
        '<p title="Vraiment ?">Vraiment ? <strong>Oui</strong> !</p>'
        '<input value="Que faire ?"><textarea>Et ça ?</textarea>'
        "<style>a { color : red ; }</style><script>var a = b ? c : d;</script>"
    )
    result = french_spaces(html)
    assert isinstance(result, SafeData)
    assert result == (
        f'<p title="Vraiment ?">Vraiment{NBSP}? <strong>Oui</strong>{NBSP}!</p>'
        '<input value="Que faire ?"><textarea>Et ça ?</textarea>'
        "<style>a { color : red ; }</style><script>var a = b ? c : d;</script>"
    )


def test_a_filter_block_wraps_a_page_s_content():
    rendered = Template(
        "{% load fiches %}{% filter french_spaces %}<h2>Et ensuite ?</h2>{{ s }}{% endfilter %}"
    ).render(Context({"s": "Oui <ou> non ?"}))
    assert rendered == f"<h2>Et ensuite{NBSP}?</h2>Oui &lt;ou&gt; non{NBSP}?"


def test_the_quoted_answer_mark_stays_on_the_line_of_the_word_before_it():
    assert french_spaces("27 % de « ? »") == f"27 % de{NBSP}«{NBSP}?{NBSP}»"
    html = mark_safe("<li>26 % de «&nbsp;?&nbsp;»</li>")
    assert french_spaces(html) == f"<li>26 % de{NBSP}«&nbsp;?&nbsp;»</li>"
