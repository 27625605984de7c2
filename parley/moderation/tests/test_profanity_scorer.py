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


def test_counting_terms_gives_the_vectorisers_vector():
    """The dictionary path is taken and matches scikit-learn's sparse transform, also for
    repeated, upper-case and unknown words."""
    import random

    import numpy as np

    loaded = model()
    assert loaded.analyze is not None
    words = sorted(loaded.vocabulary)
    rng = random.Random(7)
    for _ in range(50):
        picked = [rng.choice(words) for _ in range(rng.randint(1, 60))]
        picked += ["Zzqxunknownword", picked[0].upper(), picked[0]]
        text = " ".join(picked)
        sparse = np.asarray(loaded.vectorizer.transform([text]) @ loaded.weights).ravel()
        assert np.allclose(loaded.decision(text), sparse, rtol=0, atol=1e-12)
