"""Named SPARQL queries shipped with kg (`kg query --list`): .rq files to read, run and copy."""
