"""Boilerplate rules on realistic text that is not the seeds: appeals, cookies, prompts, credits, banners."""

from __future__ import annotations

from newsfold.clean import CleanConfig, SiteProfile, clean, strip_site_repeats
from newsfold.model import Origin, RawRecord, Rejection
from newsfold.pipeline import clean_item

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


# A sign-in wall captured instead of the article (a TV station's page in the GVA corpus, verbatim).
SIGN_IN_WALL = [
    "Sign in using your koki profile",
    "Welcome back. Please sign in",
    "Why are we asking this?",
    "By submitting your registration information, you agree to our Terms of Service and Privacy Policy .",
    "Already have an account?",
    "We have sent a confirmation email to {* data_emailAddress *}. Please check your email and click on "
    "the link to activate your account.",
    "Thank you for registering!",
    "We look forward to seeing you on [website] frequently. Visit us and sign in to update your profile, "
    "receive the latest news and keep up to date with mobile alerts.",
]


def test_a_page_that_is_only_a_sign_in_wall_is_rejected_with_what_was_removed():
    record = RawRecord(origin=Origin("wall.txt"), content="\n\n".join(SIGN_IN_WALL), title="Police respond")
    outcome = clean_item(record)
    assert isinstance(outcome, Rejection)
    assert outcome.error == "no article text left after cleaning (removed: account-prompt)"


# Captured furniture that was the whole text of 38 GVA newspaper pages (verbatim): an author-alert widget,
# a CMS's edit notice, a delivery-area paywall, a social sign-in. Kept, they made those pages look alike.
WIDGET_PAGES = [
    [
        "Close Get email notifications on Alan Riquelmy daily!",
        "Your notification has been saved.",
        "There was a problem saving your notification.",
        "Whenever Alan Riquelmy posts new content, you'll get an email delivered to your inbox with a link.",
        "Email notifications are only sent once a day, and only if there are new matching items.",
    ],
    ["You are the owner of this article."],
    [
        "Sorry, this zipcode is not in our deliverable area for this subscription service.",
        "Re-enter zip code or sign up for digital access.",
        "Get digital access",
    ],
    ["Or, use your facebook account:", "facebook"],
]


def test_pages_that_are_only_alert_widgets_or_access_notices_are_rejected():
    for page in WIDGET_PAGES:
        outcome = clean_item(RawRecord(origin=Origin("w.txt"), content="\n\n".join(page), title="Shooting"))
        assert isinstance(outcome, Rejection), page
        assert outcome.error.startswith("no article text left after cleaning"), outcome.error
    article = _clean([*WIDGET_PAGES[0][1:], *STORY])
    assert article.text == "\n\n".join(STORY)


def test_account_and_paywall_notices_around_a_story_go_and_the_story_stays():
    article = _clean(
        [
            *STORY,
            "Please log in, or sign up for a new account and purchase a subscription to continue reading.",
            "Have an online subscription? Login Now Need an online subscription? Already a Print Subscriber?",
            "You've now read the maximum number of stories available without a subscription.",
            "Close",
        ]
    )
    assert _reasons(article) == ["account-prompt", "paywall", "stub"]
    assert article.text.endswith(STORY[-1])


def test_a_copyright_line_above_a_station_prompt_is_bottom_matter_in_a_short_report():
    report = [
        "Richmond police were at Chippenham Hospital after a man walked into the emergency room saying he "
        "had been shot.",
        "Officers say the victim is going to survive, and they believe he was shot at a nearby apartment "
        "complex on Jahnke Road in the city's Southside.",
        "Copyright 2017 WWBT NBC12. All rights reserved",
        "Report an Error or Submit a Tip to NBC12",
    ]
    article = _clean(report)
    assert _reasons(article) == ["copyright", "share-prompt"]
    assert article.text.split("\n\n") == report[:2]


def test_account_words_inside_reporting_stay():
    prose = (
        "Investigators said the suspect used a stolen card to create an account and had already registered "
        "two cars, and a confirmation email was found on his phone."
    )
    article = _clean([*STORY[:2], prose, *STORY[2:]])
    assert article.removed == []
