from .pii_scan import _no_full_id_numbers_in_responses  # noqa: F401  (autouse in this folder)
