"""The interview domain: one person's interview at the kiosk (`session`), what it is made of (`records`),
what it needs from a store (`store_port`), the desk's one-open-interview rule (`desk`) and the holder's own
look at a finished passport (`access`). Storage and the UI depend on this package, never the reverse."""
