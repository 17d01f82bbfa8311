"""The interview domain: one person's interview at the kiosk (`session`), what it is made of (`records`) and
what it needs from a store (`store_port`). Storage and the UI depend on this package, never the reverse."""
