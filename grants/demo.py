"""Demo grant schemes as a Danish municipality typically publishes them, with rounds around today's date."""

import datetime as dt
from decimal import Decimal

from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from associations.models import Association
from grants.models import (
    ApplicantKind,
    Application,
    BudgetLine,
    Declaration,
    GrantScheme,
    Purpose,
    Round,
    SchemeLink,
    TargetGroup,
)
from portal.demo import demo_user

CHILD_CERTIFICATE = (
    "Vi indhenter børneattest for alle frivillige, der har direkte kontakt med børn under 15 år.",
    "We obtain a child protection certificate for all volunteers in direct contact with children under 15.",
)
TRUE_INFORMATION = (
    "Oplysningerne i ansøgningen er korrekte, og vi sender et regnskab, hvis vi får tilskud.",
    "The information in the application is correct, and we will send accounts if we receive a grant.",
)
HOMEPAGE = "https://www.helsingor.dk/"

SCHEMES = [
    {
        "slug": "paragraf-18-puljen",
        "title_da": "§ 18-puljen: frivilligt socialt arbejde",
        "title_en": "Section 18 pool: voluntary social work",
        "summary_da": "Støtte til foreninger og grupper, der gør en frivillig social indsats for mennesker, som har brug for et fællesskab eller en hjælpende hånd.",
        "summary_en": "Support for associations and groups doing voluntary social work for people who need a community or a helping hand.",
        "purpose_da": "Puljen skal styrke det frivillige sociale arbejde i Helsingør Kommune, så flere borgere bliver en del af et fællesskab.",
        "purpose_en": "The pool strengthens voluntary social work in Helsingør Municipality so that more citizens become part of a community.",
        "description_da": "Du kan søge til drift af en forening eller til et afgrænset projekt, for eksempel:\n\n- besøgsvenner og spisefællesskaber\n- rådgivning og samtalegrupper\n- aktiviteter for familier med få penge\n\nI 2027 prioriterer udvalget indsatser mod ensomhed.",
        "description_en": "You can apply for the running costs of an association or for a defined project, for example:\n\n- visiting friends and shared meals\n- counselling and talking groups\n- activities for families on a low income\n\nIn 2027 the committee gives priority to work against loneliness.",
        "priorities_da": "Indsatser mod ensomhed og for mennesker med psykisk sårbarhed.",
        "priorities_en": "Work against loneliness and for people with mental vulnerability.",
        "not_funded_da": "Lønnet personale, partipolitisk arbejde, religiøs forkyndelse og aktiviteter, der allerede er sket.",
        "not_funded_en": "Paid staff, party-political work, religious preaching and activities that have already taken place.",
        "amount_min": Decimal("2000"),
        "amount_max": Decimal("75000"),
        "cofinancing_da": "Det tæller positivt, hvis foreningen selv bidrager med frivillige timer eller egne midler.",
        "cofinancing_en": "It counts in your favour if the association contributes volunteer hours or its own money.",
        "requires_cvr": True,
        "requires_nemkonto": True,
        "requires_child_certificate": True,
        "legal_basis": "Serviceloven § 18",
        "committee_da": "Social- og Sundhedsudvalget",
        "committee_en": "Social and Health Committee",
        "contact_name": "Frivilligkonsulent Mette Holm",
        "contact_email": "frivillig@example.org",
        "contact_phone": "49 28 00 00",
        "how_to_apply_da": "Søg her på portalen. Du kan gemme en kladde og vende tilbage, indtil fristen udløber. Vedhæft foreningens seneste regnskab.",
        "how_to_apply_en": "Apply here on the portal. You can save a draft and come back until the deadline. Attach the association's latest accounts.",
        "after_applying_da": "Du får en kvittering med det samme. Udvalget behandler ansøgningerne på sit næste møde, og du får svar på mail og på Min side.",
        "after_applying_en": "You get a receipt right away. The committee considers the applications at its next meeting, and you get the answer by email and on My page.",
        "reporting_required": True,
        "reporting_da": "Senest tre måneder efter projektets afslutning sender I en kort beretning og et regnskab.",
        "reporting_en": "No later than three months after the project ends, you send a short report and the accounts.",
        "kinds": ["frivillig-social-forening", "netvaerk", "selvejende-institution"],
        "purposes": ["frivilligt-socialt-arbejde", "kurser"],
        "groups": ["aeldre", "socialt-udsatte", "handicap", "familier"],
        "declarations": [CHILD_CERTIFICATE, TRUE_INFORMATION],
        "rounds": [("Forår", -150, -60, -30), ("Efterår", -20, 19, 45)],
    },
    {
        "slug": "paragraf-79-puljen",
        "title_da": "§ 79-puljen: aktiviteter for ældre",
        "title_en": "Section 79 pool: activities for older people",
        "summary_da": "Tilskud til motion, samvær og oplevelser for ældre borgere, så flere holder sig friske og har nogen at være sammen med.",
        "summary_en": "Grants for exercise, company and experiences for older citizens, so more people stay healthy and have someone to be with.",
        "purpose_da": "Puljen støtter forebyggende og aktiverende tilbud til ældre, som drives af frivillige.",
        "purpose_en": "The pool supports preventive and activating activities for older people run by volunteers.",
        "not_funded_da": "Rejser i udlandet og aktiviteter, hvor deltagerne selv kan betale hele udgiften.",
        "not_funded_en": "Trips abroad and activities where the participants can pay the full cost themselves.",
        "amount_max": Decimal("30000"),
        "requires_cvr": True,
        "requires_nemkonto": True,
        "min_members": 10,
        "legal_basis": "Serviceloven § 79",
        "committee_da": "Social- og Sundhedsudvalget",
        "committee_en": "Social and Health Committee",
        "contact_email": "aeldre@example.org",
        "how_to_apply_da": "Søg her på portalen.",
        "how_to_apply_en": "Apply here on the portal.",
        "kinds": ["frivillig-social-forening", "folkeoplysende-forening", "netvaerk"],
        "purposes": ["foreningsaktiviteter", "frivilligt-socialt-arbejde"],
        "groups": ["aeldre"],
        "declarations": [TRUE_INFORMATION],
        "rounds": [("2027", -30, 9, 40)],
    },
    {
        "slug": "aktivitetstilskud",
        "title_da": "Aktivitetstilskud til folkeoplysende foreninger",
        "title_en": "Activity grant for adult education and leisure associations",
        "summary_da": "Godkendte foreninger får tilskud for hvert aktivt medlem under 25 år. Tilskuddet beregnes efter faste regler.",
        "summary_en": "Approved associations receive a grant for each active member under 25. The grant is calculated by fixed rules.",
        "purpose_da": "Tilskuddet skal gøre det billigt for børn og unge at gå til foreningsliv.",
        "purpose_en": "The grant keeps membership of associations cheap for children and young people.",
        "amount_note_da": "Tilskuddet er et fast beløb pr. medlem under 25 år, som Kultur- og Idrætsudvalget fastsætter hvert år.",
        "amount_note_en": "The grant is a fixed amount per member under 25, set every year by the Culture and Sports Committee.",
        "requires_cvr": True,
        "requires_nemkonto": True,
        "requires_child_certificate": True,
        "min_members": 5,
        "prerequisites_da": "Foreningen skal være godkendt som folkeoplysende forening i Helsingør Kommune.",
        "prerequisites_en": "The association must be approved as an adult education and leisure association in Helsingør Municipality.",
        "legal_basis": "Folkeoplysningsloven",
        "committee_da": "Kultur- og Idrætsudvalget",
        "committee_en": "Culture and Sports Committee",
        "contact_email": "fritid@example.org",
        "application_method": GrantScheme.ApplicationMethod.EXTERNAL,
        "external_url": HOMEPAGE,
        "how_to_apply_da": "Du søger med foreningens medlemstal i kommunens foreningssystem.",
        "how_to_apply_en": "You apply with the association's membership figures in the municipality's association system.",
        "kinds": ["folkeoplysende-forening"],
        "purposes": ["foreningsaktiviteter"],
        "groups": ["boern-og-unge"],
        "rounds": [("2027", 40, 100, 130)],
    },
    {
        "slug": "udstyrspuljen",
        "title_da": "Udstyrspuljen",
        "title_en": "Equipment pool",
        "summary_da": "Tilskud til udstyr, som foreningen ikke kan købe for sit almindelige budget, for eksempel telte, instrumenter eller redskaber.",
        "summary_en": "Grants for equipment the association cannot buy from its normal budget, for example tents, instruments or tools.",
        "not_funded_da": "Forbrugsvarer, mad og udstyr, som bliver medlemmernes ejendom.",
        "not_funded_en": "Consumables, food and equipment that becomes the members' property.",
        "amount_min": Decimal("1000"),
        "amount_max": Decimal("25000"),
        "cofinancing_da": "Foreningen betaler selv mindst 25 procent af prisen.",
        "cofinancing_en": "The association pays at least 25 per cent of the price itself.",
        "requires_cvr": True,
        "requires_nemkonto": True,
        "legal_basis": "Folkeoplysningsloven § 6",
        "committee_da": "Kultur- og Idrætsudvalget",
        "committee_en": "Culture and Sports Committee",
        "contact_email": "fritid@example.org",
        "how_to_apply_da": "Søg her på portalen og vedhæft et tilbud fra forhandleren.",
        "how_to_apply_en": "Apply here on the portal and attach a quote from the supplier.",
        "kinds": ["folkeoplysende-forening", "kulturforening"],
        "purposes": ["udstyr"],
        "groups": [],
        "declarations": [TRUE_INFORMATION],
        "rounds": [("2026-27", -60, 45, 75)],
    },
    {
        "slug": "kulturpuljen",
        "title_da": "Kulturpuljen",
        "title_en": "Culture pool",
        "summary_da": "Støtte til koncerter, udstillinger, teater og andre kulturprojekter, som mange borgere i kommunen kan opleve.",
        "summary_en": "Support for concerts, exhibitions, theatre and other cultural projects that many citizens can experience.",
        "purpose_da": "Puljen skal give flere og mere varierede kulturoplevelser i hele kommunen, også uden for Helsingør by.",
        "purpose_en": "The pool brings more and more varied cultural experiences to the whole municipality, also outside the town of Helsingør.",
        "amount_max": Decimal("50000"),
        "cofinancing_da": "Puljen dækker højst halvdelen af projektets samlede udgifter.",
        "cofinancing_en": "The pool covers at most half of the project's total costs.",
        "legal_basis": "Kommunalfuldmagten",
        "committee_da": "Kultur- og Idrætsudvalget",
        "committee_en": "Culture and Sports Committee",
        "contact_email": "kultur@example.org",
        "how_to_apply_da": "Søg her på portalen. Puljen har fire frister om året.",
        "how_to_apply_en": "Apply here on the portal. The pool has four deadlines a year.",
        "reporting_required": True,
        "kinds": ["kulturforening", "netvaerk", "privatperson", "selvejende-institution"],
        "purposes": ["kunst-og-kultur", "arrangementer"],
        "groups": [],
        "declarations": [TRUE_INFORMATION],
        "rounds": [("3. kvartal", -120, -30, -5), ("1. kvartal", 14, 60, 80)],
    },
    {
        "slug": "arrangementspuljen",
        "title_da": "Arrangementspuljen",
        "title_en": "Event pool",
        "summary_da": "Små tilskud til åbne arrangementer som byfester, loppemarkeder og sankthansbål. Du kan søge hele året, og du får svar inden for fire uger.",
        "summary_en": "Small grants for open events such as town festivals, flea markets and midsummer bonfires. Apply any time of the year; you get an answer within four weeks.",
        "amount_max": Decimal("10000"),
        "legal_basis": "Kommunalfuldmagten",
        "committee_da": "Kultur- og Idrætsudvalget",
        "committee_en": "Culture and Sports Committee",
        "contact_email": "kultur@example.org",
        "how_to_apply_da": "Søg her på portalen senest seks uger før arrangementet.",
        "how_to_apply_en": "Apply here on the portal no later than six weeks before the event.",
        "after_applying_da": "Administrationen behandler ansøgningen løbende, og du får svar inden for fire uger.",
        "after_applying_en": "The administration handles the application as it comes in, and you get an answer within four weeks.",
        "kinds": ["folkeoplysende-forening", "frivillig-social-forening", "kulturforening", "netvaerk", "privatperson"],
        "purposes": ["arrangementer"],
        "groups": [],
        "rounds": [("Løbende", -365, None, None)],
    },
    {
        "slug": "udviklingspuljen",
        "title_da": "Udviklingspuljen for foreningslivet",
        "title_en": "Development pool for associations",
        "summary_da": "Har I en ny idé, der kan give flere medlemmer, nye målgrupper eller samarbejde mellem foreninger? Så kan I søge penge til at afprøve den.",
        "summary_en": "Do you have a new idea that can bring more members, new target groups or cooperation between associations? Then you can apply for money to try it.",
        "amount_min": Decimal("5000"),
        "amount_max": Decimal("100000"),
        "priorities_da": "Projekter, der inddrager nye målgrupper, for eksempel nye borgere eller mennesker med handicap.",
        "priorities_en": "Projects that include new target groups, for example newcomers or people with disabilities.",
        "requires_cvr": True,
        "requires_nemkonto": True,
        "legal_basis": "Folkeoplysningsloven § 6",
        "committee_da": "Kultur- og Idrætsudvalget",
        "committee_en": "Culture and Sports Committee",
        "contact_email": "fritid@example.org",
        "how_to_apply_da": "Søg her på portalen. Tal gerne med en frivilligkonsulent, før I søger.",
        "how_to_apply_en": "Apply here on the portal. Feel free to talk to a volunteer consultant before you apply.",
        "reporting_required": True,
        "kinds": ["folkeoplysende-forening", "frivillig-social-forening", "kulturforening"],
        "purposes": ["udvikling", "kurser"],
        "groups": ["nye-borgere", "handicap", "boern-og-unge"],
        "declarations": [TRUE_INFORMATION],
        "rounds": [("2026", -45, 2, 30)],
    },
]

LOOKUP_FIELDS = {"kinds": ApplicantKind, "purposes": Purpose, "groups": TargetGroup}


def _at_noon(days: int) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12, 0)))


def _seed_scheme(data: dict) -> GrantScheme:
    data = dict(data)
    lookups = {name: data.pop(name) for name in LOOKUP_FIELDS}
    declarations = data.pop("declarations", [])
    rounds = data.pop("rounds")
    scheme, _ = GrantScheme.objects.update_or_create(
        slug=data.pop("slug"), defaults={**data, "status": GrantScheme.Status.PUBLISHED}
    )
    scheme.applicant_kinds.set(ApplicantKind.objects.filter(slug__in=lookups["kinds"]))
    scheme.purposes.set(Purpose.objects.filter(slug__in=lookups["purposes"]))
    scheme.target_groups.set(TargetGroup.objects.filter(slug__in=lookups["groups"]))
    for order, (text_da, text_en) in enumerate(declarations):
        Declaration.objects.update_or_create(
            scheme=scheme, text_da=text_da, defaults={"text_en": text_en, "order": order}
        )
    SchemeLink.objects.get_or_create(
        scheme=scheme,
        url=HOMEPAGE,
        defaults={"title_da": "Retningslinjer for puljen", "title_en": "Guidelines for the pool"},
    )
    for name, opens, deadline, decision in rounds:
        # Rounds are only created, never moved: running the seed again on a later day changes nothing.
        Round.objects.get_or_create(
            scheme=scheme,
            name_da=name,
            defaults={
                "name_en": name.replace("Forår", "Spring")
                .replace("Efterår", "Autumn")
                .replace("Løbende", "Continuous"),
                "opens_at": _at_noon(opens),
                "deadline": _at_noon(deadline) if deadline is not None else None,
                "decision_expected_on": timezone.localdate() + dt.timedelta(days=decision) if decision else None,
            },
        )
    return scheme


APPLICATIONS = [
    # scheme, round, title, organisation, cvr, status, requested, granted, reason
    (
        "paragraf-18-puljen",
        "Forår",
        "Spisefællesskab i Espergærde",
        "Espergærde Spisevenner",
        "14142135",
        Application.Status.GRANTED,
        "24000",
        "24000",
        "Projektet når ensomme ældre og børnefamilier og passer godt til årets prioritering.",
    ),
    (
        "paragraf-18-puljen",
        "Forår",
        "Besøgsvenner i Hornbæk",
        "Hornbæk Besøgsvenner",
        "27182818",
        Application.Status.PARTLY_GRANTED,
        "40000",
        "25000",
        "Puljen var søgt for mere end det dobbelte. Vi støtter besøgsvennerne, men ikke udflugterne.",
    ),
    (
        "kulturpuljen",
        "3. kvartal",
        "Jazz på havnen i Snekkersten",
        "Snekkersten Jazzklub",
        "16180339",
        Application.Status.GRANTED,
        "18000",
        "18000",
        "En åben koncert, som mange borgere kan opleve gratis.",
    ),
    (
        "kulturpuljen",
        "3. kvartal",
        "Kunstudstilling i Tikøb Kirkelade",
        "Tikøb Kunstforening",
        "",
        Application.Status.DECLINED,
        "35000",
        None,
        "Projektet ligger uden for puljens formål, fordi udstillingen ikke er åben for alle.",
    ),
    (
        "paragraf-18-puljen",
        "Efterår",
        "Lektiecafé for nye borgere",
        "Espergærde Spisevenner",
        "14142135",
        Application.Status.SUBMITTED,
        "15000",
        None,
        "",
    ),
]

# Applications of the demo association the demo association person (forening@example.org) administers; the
# schemes accept its kind (folkeoplysende). Organisation and CVR number come from the association's profile.
ASSOCIATION_SLUG = "espergaerde-spejderne"
ASSOCIATION_CVR = "31415926"
ASSOCIATION_APPLICATIONS = [
    # scheme, round, title, status, requested, granted, reason
    ("udstyrspuljen", "2026-27", "Nye telte til sommerlejren", Application.Status.DRAFT, "20000", None, ""),
    (
        "paragraf-79-puljen",
        "2027",
        "Bedstespejd: bål og fortællinger med ældre",
        Application.Status.SUBMITTED,
        "12000",
        None,
        "",
    ),
    (
        "arrangementspuljen",
        "Løbende",
        "Sankthansbål på stranden i Espergærde",
        Application.Status.GRANTED,
        "8000",
        "8000",
        "Et åbent arrangement for hele byen, som spejderne har stor erfaring med.",
    ),
]


def _seed_application(
    *,
    round_: Round,
    title: str,
    organisation: str,
    cvr: str,
    status: str,
    requested: str,
    granted: str | None,
    reason: str,
    association: Association | None = None,
) -> None:
    applicant = demo_user("forening@example.org")
    decider = demo_user("admin@example.org")
    closed = round_.deadline is not None and round_.deadline < timezone.now()
    applicant_type = Application.ApplicantType.ASSOCIATION
    if association is not None and association.kind == Association.Kind.NETWORK:
        applicant_type = Application.ApplicantType.NETWORK
    application, created = Application.objects.get_or_create(
        scheme=round_.scheme,
        round=round_,
        title=title,
        defaults={
            "applicant": applicant,
            "association": association,
            "applicant_type": applicant_type,
            "organisation_name": organisation,
            "cvr": cvr,
            "contact_name": applicant.full_name,
            "contact_email": applicant.email,
            "description": f"{title}: et projekt drevet af frivillige i {organisation}.",
            "target_group": "Borgere i hele Helsingør Kommune",
            "period_start": timezone.localdate() + dt.timedelta(days=-60 if closed else 60),
            "period_end": timezone.localdate() + dt.timedelta(days=60 if closed else 150),
            "amount_requested": Decimal(requested),
            "cofinancing": Decimal("2000"),
            "status": status,
            "submitted_at": min(round_.deadline or timezone.now(), timezone.now()) - dt.timedelta(days=3)
            if status != Application.Status.DRAFT
            else None,
            "submitted_by": applicant if status != Application.Status.DRAFT else None,
            "amount_granted": Decimal(granted) if granted else (Decimal("0") if reason else None),
            "decision_reason": reason,
            "decided_on": timezone.localdate() + dt.timedelta(days=-20) if reason else None,
            "decided_by": decider if reason else None,
            "declarations_accepted": list(round_.scheme.declarations.values_list("text_da", flat=True)),
        },
    )
    if not created:
        return
    amount = Decimal(requested)
    BudgetLine.objects.bulk_create(
        [
            BudgetLine(application=application, item="Materialer", amount=amount * Decimal("0.5"), order=0),
            BudgetLine(application=application, item="Leje af lokaler", amount=amount * Decimal("0.3"), order=1),
            BudgetLine(application=application, item="Forplejning", amount=amount * Decimal("0.2") + 2000, order=2),
        ]
    )


def _seed_applications() -> int:
    """Write the demo applications; returns how many there are."""
    for slug, round_name, title, organisation, cvr, status, requested, granted, reason in APPLICATIONS:
        _seed_application(
            round_=Round.objects.select_related("scheme").get(scheme__slug=slug, name_da=round_name),
            title=title,
            organisation=organisation,
            cvr=cvr,
            status=status,
            requested=requested,
            granted=granted,
            reason=reason,
        )
    # The associations app seeds before this one; without its demo association these are simply left out.
    association = Association.objects.filter(slug=ASSOCIATION_SLUG).first()
    if association is None:
        return len(APPLICATIONS)
    for slug, round_name, title, status, requested, granted, reason in ASSOCIATION_APPLICATIONS:
        _seed_application(
            round_=Round.objects.select_related("scheme").get(scheme__slug=slug, name_da=round_name),
            title=title,
            organisation=association.name,
            cvr=association.cvr or ASSOCIATION_CVR,
            status=status,
            requested=requested,
            granted=granted,
            reason=reason,
            association=association,
        )
    return len(APPLICATIONS) + len(ASSOCIATION_APPLICATIONS)


def _grant_staff_permissions() -> None:
    # Municipal staff administer schemes and decide applications in the admin.
    staff, _ = Group.objects.get_or_create(name="Kommunale medarbejdere")
    staff.permissions.add(*Permission.objects.filter(content_type__app_label="grants"))


def seed(*, stdout) -> None:
    _grant_staff_permissions()
    for data in SCHEMES:
        _seed_scheme(data)
    count = _seed_applications()
    stdout.write(f"Grants: {len(SCHEMES)} schemes, {count} applications.")
