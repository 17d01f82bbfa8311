"""`assistent beheer token COMMAND`: after an admin's login, a signed one-time token with which a script
may run that one command on the central store (`assistant.admin_tokens`).

The admin machine's private key lives beside the store key (`<data_dir>/keys/admin-token.key`, mode 0600),
made on first use; its public key goes into the store, where only the admin role may write it."""

from __future__ import annotations

import argparse

from assistant.cli.common import settings_from, store_for_person

#: The commands a token can be made for: those that need a person.
TOKEN_COMMANDS = (
    "drafts",
    "export",
    "delete",
    "log",
    "toestemming geef",
    "toestemming toon",
    "toestemming intrekken",
)


def cmd_admin(args: argparse.Namespace) -> int:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

    from assistant.admin_tokens import make_token, public_key_text
    from assistant.private_files import load_or_create_private

    path = settings_from(args).data_dir / "keys" / "admin-token.key"

    def new_key() -> bytes:
        return Ed25519PrivateKey.generate().private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())

    args.inloggen = True  # a token is made by a person, on any store
    with store_for_person(args, "beheer token") as (store, actor):
        private = Ed25519PrivateKey.from_private_bytes(load_or_create_private(path, new_key))
        store.publish_admin_token_key(*public_key_text(private))
        token = make_token(private, args.commando, actor, args.minuten)
    print(token)
    return 0
