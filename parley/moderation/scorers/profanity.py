"""alt-profanity-check: a linear model over word n-grams, loaded once, offline."""

from parley.moderation.scorers import checked


class ProfanityScorer:
    def score(self, text: str) -> float:
        # Imported on first use: loading the model takes a second and most processes that
        # import this module (migrations, the admin) never score anything.
        from profanity_check import predict_prob

        return checked(float(predict_prob([text])[0]))
