"""Git host adapters (GitHub, Gitea): small REST clients over urllib and the mapping of their
reviews to approval evidence. No HTTP dependency; a transport can be injected for tests."""
