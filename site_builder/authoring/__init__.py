"""Writing briefings: ``briefings new`` (scaffold) and ``briefings ingest`` (ingest/)."""
