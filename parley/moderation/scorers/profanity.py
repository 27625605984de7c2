"""alt-profanity-check: a linear model over word n-grams, loaded once, offline.

The package's predict_prob runs scikit-learn's calibrated classifier, whose input checks
cost about 4 ms a comment, most of a post's time (measured). The model is five linear
SVMs, each followed by a sigmoid, averaged; with the same vectoriser that is one sparse
product and a handful of numbers, about 1 ms, giving the same probability (a test holds
the two equal). Should a later model have another shape, we use predict_prob as it is.
"""

import threading

import numpy as np

from parley.moderation.scorers import checked

_lock = threading.Lock()
_model = None


class LinearEnsemble:
    """The calibrated linear SVMs of the package's model, as plain arrays."""

    def __init__(self, vectorizer, model):
        members = model.calibrated_classifiers_
        self.vectorizer = vectorizer
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

    def probability(self, text: str) -> float:
        decision = np.asarray(self.vectorizer.transform([text]) @ self.weights).ravel()
        decision += self.intercepts
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
