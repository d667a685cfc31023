"""Attack: an outsider guesses meeting short codes at /repondre/code/ to answer (and skew) a
cooperative's diagnostic they are not part of. Six characters of 32 (~30 bits) are only safe
because guesses are throttled: 10 wrong codes a minute per address, and once blocked even the
right code gets 429, so a blocked guesser cannot tell a hit from a miss."""

from django.urls import reverse

from cooperatives.qr import short_code


def guess(client, code, address="203.0.113.9"):
    return client.post(reverse("answers:by_code"), {"code": code}, REMOTE_ADDR=address)


def test_the_eleventh_guess_in_a_minute_is_refused_even_when_it_is_right(client, open_session):
    wrong = [f"ZZZ-{n:03d}".replace("0", "Z") for n in range(10)]
    right = short_code(open_session.join_key)
    assert right not in wrong
    for code in wrong:
        assert guess(client, code).status_code == 400
    response = guess(client, right)
    assert response.status_code == 429
    assert "Location" not in response
    # Another address (a member in the meeting) is not held back by the guesser.
    assert guess(client, right, address="198.51.100.4").status_code == 302


def test_a_right_code_costs_nothing_to_the_people_in_the_meeting(client, open_session):
    right = short_code(open_session.join_key)
    for _ in range(15):  # a room of people behind one office address
        assert guess(client, right).status_code == 302


def test_the_code_of_a_closed_session_cannot_be_used_to_answer_after_the_meeting(
    client, closed_session
):
    assert guess(client, short_code(closed_session.join_key)).status_code == 400
