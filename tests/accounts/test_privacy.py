from django.urls import reverse


def test_the_privacy_page_explains_in_plain_french(client, db):
    html = client.get(reverse("privacy")).content.decode()
    assert "Personne — ni la gérance" in html
    assert "À la clôture d’une session" in html
