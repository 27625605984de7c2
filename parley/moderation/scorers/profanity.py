"""alt-profanity-check: a linear model over word n-grams, loaded once, offline.

The package's predict_prob runs scikit-learn's calibrated classifier, whose input checks
cost about 4 ms a comment, most of a post's time (measured). The model is five linear
SVMs, each followed by a sigmoid, averaged: a tf-idf vector of the comment's words times
five weight columns, about 0.02 ms, giving the same probability (tests hold the two
equal). Should a later model have another shape, we use predict_prob as it is.
"""

import threading

import numpy as np

from parley.moderation.scorers import checked

_lock = threading.Lock()
_model = None


class LinearEnsemble:
    """The calibrated linear SVMs of the package's model, as plain arrays.

    The vectoriser's own transform builds a sparse matrix for one document, about 0.4 ms;
    for a plain word tf-idf (the package's) the same vector is a few dictionary lookups:
    term counts times idf, scaled to unit length.
    """

    def __init__(self, vectorizer, model):
        members = model.calibrated_classifiers_
        self.vectorizer = vectorizer
        self.analyze = vectorizer.build_analyzer() if self.plain_tfidf(vectorizer) else None
        self.vocabulary = getattr(vectorizer, "vocabulary_", {})
        self.idf = getattr(vectorizer, "idf_", None)
        self.weights = np.vstack([m.estimator.coef_[0] for m in members]).T
        self.intercepts = np.array([m.estimator.intercept_[0] for m in members])
        self.a = np.array([m.calibrators[0].a_ for m in members])
        self.b = np.array([m.calibrators[0].b_ for m in members])

    @classmethod
    def fits(cls, model) -> bool:
        try:
            members = model.calibrated_classifiers_
            return (
                getattr(model, "method", "") == "sigmoid"
                and list(model.classes_) == [0, 1]
                and all(
                    m.estimator.coef_.shape[0] == 1 and len(m.calibrators) == 1 for m in members
                )
            )
        except AttributeError:
            return False

    @staticmethod
    def plain_tfidf(vectorizer) -> bool:
        """Counts times idf, l2-normalised: the one case `features` reproduces."""
        return (
            type(vectorizer).__name__ == "TfidfVectorizer"
            and vectorizer.use_idf
            and vectorizer.norm == "l2"
            and not vectorizer.binary
            and not vectorizer.sublinear_tf
            and hasattr(vectorizer, "idf_")
        )

    def decision(self, text: str) -> np.ndarray:
        """Each member's decision value for the text."""
        if self.analyze is None:
            return np.asarray(self.vectorizer.transform([text]) @ self.weights).ravel()
        counts: dict[int, int] = {}
        for term in self.analyze(text):
            index = self.vocabulary.get(term)
            if index is not None:
                counts[index] = counts.get(index, 0) + 1
        if not counts:
            return np.zeros(self.weights.shape[1])
        indices = np.fromiter(counts, dtype=np.intp, count=len(counts))
        values = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        values *= self.idf[indices]
        values /= np.sqrt(values @ values)
        return values @ self.weights[indices]

    def probability(self, text: str) -> float:
        decision = self.decision(text) + self.intercepts
        return float(np.mean(1.0 / (1.0 + np.exp(self.a * decision + self.b))))


def model():
    """The scorer's model, loaded on first use (about a second) and kept for the process."""
    global _model
    with _lock:
        if _model is None:
            from profanity_check import profanity_check as package

            if LinearEnsemble.fits(package.model):
                _model = LinearEnsemble(package.vectorizer, package.model)
            else:
                _model = package
        return _model


class ProfanityScorer:
    def warm(self) -> None:
        """Load the model now rather than during someone's first comment."""
        model()

    def score(self, text: str) -> float:
        loaded = model()
        if isinstance(loaded, LinearEnsemble):
            return checked(loaded.probability(text))
        return checked(float(loaded.predict_prob([text])[0]))
