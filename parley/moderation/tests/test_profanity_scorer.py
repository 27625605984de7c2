"""The fast path of the default toxicity scorer gives the package's own probabilities."""

import pytest

from parley.moderation.scorers.profanity import LinearEnsemble, ProfanityScorer, model

TEXTS = [
    "The talks resume on Monday; both sides brought revised maps.",
    "you are a complete idiot and a moron",
    "What a lovely evening by the lake in Geneva.",
    "f*** off, you b****",
    "",
    "Ünïcödé and emoji 🙂 and ‮bidi‬ text",
    "word " * 2000,
]


@pytest.mark.parametrize("text", TEXTS)
def test_the_fast_path_gives_the_packages_probability(text):
    """Same model, same answer: the shortcut only skips scikit-learn's input checks."""
    from profanity_check import predict_prob

    assert isinstance(model(), LinearEnsemble)
    assert ProfanityScorer().score(text) == pytest.approx(float(predict_prob([text])[0]), abs=1e-9)


def test_abuse_scores_high_and_news_talk_low():
    """The default threshold (0.8) separates the two."""
    scorer = ProfanityScorer()
    assert scorer.score("you are a complete idiot and a moron") > 0.8
    assert scorer.score("The ceasefire held through the night, officials said.") < 0.2
