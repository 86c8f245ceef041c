import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Users are made in many tests here; the production hasher costs ~0.3 s a user."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
