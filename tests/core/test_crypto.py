"""Personal data at rest: encrypted with a fresh nonce, looked up through a keyed hash."""

import pytest
from cryptography.exceptions import InvalidTag
from django.test import override_settings

from cadreforge.core.crypto import decrypt, encrypt, keyed_hash

ID_NUMBER = "11010519491231002X"


def test_encrypted_text_decrypts_to_the_original():
    for clear in [ID_NUMBER, "13812345678", "张三·李四"]:
        token = encrypt(clear)
        assert clear not in token
        assert decrypt(token) == clear


def test_the_same_text_encrypts_differently_each_time():
    assert encrypt(ID_NUMBER) != encrypt(ID_NUMBER)


def test_empty_text_stays_empty():
    assert encrypt("") == "" and decrypt("") == "" and keyed_hash("") == ""


def test_the_keyed_hash_is_stable_and_tells_values_apart():
    assert keyed_hash(ID_NUMBER) == keyed_hash(ID_NUMBER)
    assert keyed_hash(ID_NUMBER) != keyed_hash("110105198001010032")
    assert len(keyed_hash(ID_NUMBER)) == 64


def test_the_keyed_hash_depends_on_the_data_key():
    with override_settings(DATA_KEY="key-one"):
        one = keyed_hash(ID_NUMBER)
    with override_settings(DATA_KEY="key-two"):
        two = keyed_hash(ID_NUMBER)
    assert one != two


def test_a_ciphertext_does_not_open_under_another_data_key():
    with override_settings(DATA_KEY="key-one"):
        token = encrypt(ID_NUMBER)
    with override_settings(DATA_KEY="key-two"), pytest.raises(InvalidTag):
        decrypt(token)


def test_a_tampered_ciphertext_is_refused():
    version, _nonce, sealed = encrypt(ID_NUMBER).split(":")
    other_nonce = encrypt(ID_NUMBER).split(":")[1]
    with pytest.raises(InvalidTag):
        decrypt(":".join([version, other_nonce, sealed]))
