"""crps_lessons: helpers for the CRPS teaching notebooks.

Flow of imports is one way: data, models -> figures -> widgets -> notebooks.
Nothing here is medical advice, and nothing here computes a dose for a person.
"""

__version__ = "0.1.0"

DISCLAIMER = (
    "This collection is for education only. It is not medical advice and is no substitute "
    "for care from a clinician who knows the person."
)
