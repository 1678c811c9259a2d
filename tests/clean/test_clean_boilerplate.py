"""Boilerplate rules on realistic text that is not the seeds: appeals, cookies, prompts, credits, banners."""

from __future__ import annotations

from newsfold.clean import CleanConfig, SiteProfile, clean, strip_site_repeats
from newsfold.model import Origin, RawRecord

STORY = [
    "PARIS (AFP) - French farmers blocked motorways around Paris on Monday, stepping up a protest over "
    "falling incomes and rising costs that has spread across the country.",
    "Tractors lined the A6 and A13 motorways south and west of the capital, and police said some 800 "
    "vehicles were taking part in the action by early afternoon.",
    "The government has promised new measures, but union leaders said they would keep up the pressure "
    "until the prime minister met their demands in full.",
    "Agriculture ministers from several EU countries are due to discuss the protests in Brussels this week.",
]


def _clean(paragraphs: list[str], **fields):
    return clean(RawRecord(origin=Origin("t.txt"), content="\n\n".join(paragraphs), **fields))


def _reasons(article) -> list[str]:
    return [item.reason for item in article.removed]


def test_newsletter_and_cookie_notices_anywhere():
    article = _clean(
        [
            *STORY[:2],
            "Sign up for our Morning Briefing newsletter to get the top stories delivered to your inbox.",
            *STORY[2:],
            "We use cookies to improve your experience. By continuing you accept our cookie policy.",
        ]
    )
    assert _reasons(article) == ["newsletter-appeal", "cookie-notice"]
    assert len(article.paragraphs) == 4


def test_subscription_appeal_runs_to_its_stub():
    appeal = [
        "Our journalism depends on readers like you. Please subscribe to support independent reporting.",
        "Subscribers get unlimited access to every article, our daily newsletter and the full archive.",
        "Read more",
    ]
    article = _clean(STORY + appeal)
    assert _reasons(article) == ["subscription-appeal"]
    assert article.removed[0].text.endswith("Read more")
    assert article.text.endswith(STORY[-1])


def test_share_prompts_and_adverts_are_short_lines_only():
    article = _clean([STORY[0], "Share this article", "Advertisement", *STORY[1:], "Follow us on Twitter"])
    assert _reasons(article) == ["share-prompt", "advertisement", "share-prompt"]
    prose = "Follow us on the motorway, the farmers told drivers, as they handed out leaflets and apples."
    kept = _clean([*STORY[:2], prose, *STORY[2:]])
    assert kept.removed == [] and prose in kept.text


def test_reuters_credits_and_copyright_at_the_bottom():
    article = _clean([*STORY, "(Reporting by Tassilo Hummel; Editing by Alex Richardson)", "© 2024 Reuters"])
    assert _reasons(article) == ["credits", "copyright"]
    assert article.wire == "AFP"  # the dateline names the agency before the copyright does
    assert article.dateline == "PARIS"
    assert article.byline.startswith("(Reporting by Tassilo Hummel")


def test_credit_words_mid_article_are_prose():
    quote = (
        'More police were deployed, reporting by local radio said, as "all rights reserved" signs went up.'
    )
    article = _clean([STORY[0], quote, *STORY[1:]])
    assert article.removed == []


def test_a_lone_appeal_sentence_inside_prose_stays():
    prose = "The union's leader said that if you value farming, please consider donating to the strike fund."
    article = _clean([*STORY[:2], prose, *STORY[2:]])
    assert article.removed == []


def test_banner_names_the_outlet():
    article = _clean(["Support The Kyiv Independent!", "Farmers protest in Paris", *STORY])
    assert _reasons(article) == ["banner", "header:title"]
    assert article.source == "The Kyiv Independent"
    assert article.title == "Farmers protest in Paris"


def test_site_profile_learns_recurring_paragraphs():
    tagline = (
        "Le Monde in English is our daily selection of reporting from France, translated for readers abroad."
    )
    records = [
        RawRecord(
            origin=Origin(f"{i}.txt"), content="\n\n".join([*STORY[i : i + 2], tagline]), source="Le Monde"
        )
        for i in range(3)
    ] + [RawRecord(origin=Origin("x.txt"), content="\n\n".join(STORY), source="Other")]
    articles = strip_site_repeats(records)
    assert all(tagline not in article.text for article in articles[:3])
    assert all("site-repeat" in _reasons(article) for article in articles[:3])
    assert _reasons(articles[3]) == []
    profile = SiteProfile.learn(articles[:3], CleanConfig())
    assert not profile.repeats  # once removed, nothing recurs any more
