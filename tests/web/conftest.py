import pytest


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Log-ins are not what these tests are about; a cheap hasher keeps the page tests fast."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
