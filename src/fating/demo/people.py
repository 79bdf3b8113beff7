"""The demo's people: the agent represents the party (特别授权, confirmed by the party) in the case
awaiting its hearing, and the party's real name is verified in person by the point's liaison."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from fating.accounts.models import Membership, Role, User
from fating.cases.models import Case
from fating.people import services


def seed_people(cases: dict[str, Case]) -> int:
    """Returns the number of representations made."""
    party = User.objects.get(username="party")
    agent = User.objects.get(username="agent")
    case = cases["scheduled"]
    plaintiff = case.filing.parties.filter(role="plaintiff").first()
    if plaintiff is None:
        return 0
    letter = SimpleUploadedFile("授权委托书.pdf", b"%PDF-1.4 demo power of attorney",
                                "application/pdf")  # fmt: skip
    rep = services.propose_representation(actor=agent, case_number=case.number,
                                          party_name=plaintiff.name, scope="special",
                                          power_of_attorney=letter)  # fmt: skip
    services.decide_representation(actor=party, representation=rep, confirm=True)
    grant = Membership.objects.filter(role=Role.LIAISON, active=True, user__username="liaison")
    liaison = grant.select_related("user", "service_point").first()
    if liaison is not None and liaison.service_point and party.id_number:
        services.verify_in_person(actor=liaison.user, person=party,
                                  service_point=liaison.service_point, id_number=party.id_number)  # fmt: skip
    return 1
