"""Writes of the cases app, one module per use-case family. Each public function is
keyword-only, runs in one transaction, checks permission first and records one audit event."""
