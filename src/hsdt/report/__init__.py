"""Reports over a school's records: what the rules expected in a period and what is missing
(:mod:`hsdt.report.expected`); later the queues, timeliness and facts files.

Pure domain code over the model (no git, no PDF libraries): the archive and the reports feed
it the records they read.
"""
