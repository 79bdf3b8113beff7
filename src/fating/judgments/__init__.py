"""Judgments, rulings and mediation statements after the trial: service, appeal periods, effect
(生效) and appeals sent up to the intermediate court. `rules` is pure (no Django)."""
