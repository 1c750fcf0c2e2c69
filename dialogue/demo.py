"""Demo data for the dialogue pages: ideas in every status, two fora with meetings, and the inspiration catalogue.

Associations and categories belong to the associations app; they are looked up by slug and simply left out when that
app's demo data is not there (yet), so this seed works before and after it.
"""

import datetime as dt

from django.utils import timezone

from associations.models import Association, Category
from dialogue.models import (
    AgendaItem,
    AgendaTopic,
    Comment,
    Forum,
    ForumMember,
    Idea,
    IdeaTown,
    InspirationEntry,
    Meeting,
    Support,
)
from portal.demo import demo_user
from portal.models import User

# Citizens who support and comment on the demo ideas. They cannot sign in (no usable password).
DEMO_CITIZENS = [
    ("karen.holm@example.org", "Karen Holm"),
    ("ahmad.nasser@example.org", "Ahmad Nasser"),
    ("lise.bach@example.org", "Lise Bach"),
    ("jonas.krogh@example.org", "Jonas Krogh"),
    ("mette.dahl@example.org", "Mette Dahl"),
]


def _citizens() -> list[User]:
    people = []
    for email, name in DEMO_CITIZENS:
        person, created = User.objects.get_or_create(email=email, defaults={"full_name": name})
        if created:
            person.set_unusable_password()
            person.save(update_fields=["password"])
        people.append(person)
    return people


def _association(slug: str) -> Association | None:
    return Association.objects.filter(slug=slug).first()


def _categories(*slugs: str) -> list[Category]:
    return list(Category.objects.filter(slug__in=slugs))


IDEAS = [
    {
        "title": "Bænke og vandposter langs Strandvejen",
        "description": (
            "Mange ældre og børnefamilier går tur langs Strandvejen mellem Snekkersten og Espergærde, men der er langt "
            "mellem bænkene.\n\nForslag:\n\n- en bænk for hver 500 meter\n- to vandposter, som også kan bruges af "
            "løbeklubberne om sommeren\n\nVores gåhold vil gerne hjælpe med at pege på de bedste steder."
        ),
        "proposer": "borger@example.org",
        "towns": ["snekkersten", "espergaerde"],
        "categories": ["natur", "motion", "idraet", "seniorer"],
        "status": Idea.Status.NEW,
        "response": "",
        "supporters": 4,
        "comments": [
            ("karen.holm@example.org", "Ja tak! Især ved Nivåvej mangler der et sted at sidde."),
            ("jonas.krogh@example.org", "Vandposter ville også hjælpe os, der løber om morgenen."),
        ],
    },
    {
        "title": "Én fælles kalender for foreningernes arrangementer i Hornbæk",
        "description": (
            "I Hornbæk har vi mange små foreninger, men vi opdager først hinandens arrangementer bagefter. En fælles "
            "kalender, gerne her på portalen, ville gøre det lettere at undgå at lægge to ting samme aften og at "
            "invitere hinanden."
        ),
        "proposer": "mette.dahl@example.org",
        "towns": ["hornbaek"],
        "categories": ["kultur"],
        "status": Idea.Status.NEW,
        "response": "",
        "supporters": 2,
        "comments": [],
    },
    {
        "title": "Gratis haltid det første år for nye foreninger",
        "description": (
            "Det er svært at starte en ny forening, når den første regning er til lokalerne. Vi foreslår, at nye "
            "folkeoplysende foreninger får gratis haltid i ét år, så de kan nå at få medlemmer og kontingent på plads."
        ),
        "proposer": "forening@example.org",
        "association": "espergaerde-spejderne",
        "towns": ["kommune"],
        "categories": ["idraet"],
        "status": Idea.Status.UNDER_CONSIDERATION,
        "response": (
            "Tak for idéen. Kultur- og Idrætsudvalget drøfter fordelingen af haltimer til efteråret, og vi tager "
            "forslaget med i det oplæg, udvalget får. Vi vender tilbage her, når udvalget har behandlet sagen."
        ),
        "supporters": 5,
        "comments": [
            ("ahmad.nasser@example.org", "Det ville have hjulpet vores cricketklub meget, da vi startede."),
            ("borger@example.org", "Hvordan skal man definere en *ny* forening? Måske første to år efter stiftelsen?"),
        ],
    },
    {
        "title": "Lys på løbestien i Teglstrup Hegn",
        "description": (
            "Om vinteren er det mørkt allerede ved 16-tiden, og så kan klubberne ikke træne på stien. Lav "
            "bevægelsesstyret belysning på den første kilometer, som ikke forstyrrer dyrelivet."
        ),
        "proposer": "jonas.krogh@example.org",
        "towns": ["helsingor"],
        "categories": ["idraet", "natur"],
        "status": Idea.Status.IN_PROGRESS,
        "response": (
            "Idéen er sendt videre til Naturstyrelsen, som ejer skoven. Sammen undersøger vi en løsning med svag, "
            "bevægelsesstyret belysning på 1 km. Forventet afklaring: foråret."
        ),
        "supporters": 3,
        "comments": [("lise.bach@example.org", "Husk flagermusene: lyset skal pege nedad.")],
    },
    {
        "title": "Fælles materialebank for foreningerne",
        "description": (
            "Foreninger køber hver især telte, borde, højttalere og grill, som bruges få gange om året. En fælles "
            "materialebank, hvor man kan låne udstyr gratis, ville spare penge og plads."
        ),
        "proposer": "karen.holm@example.org",
        "towns": ["kommune"],
        "categories": ["kultur", "social"],
        "status": Idea.Status.REALISED,
        "response": (
            "Materialebanken er åbnet i kælderen under Kulturhuset. Foreninger kan låne telte, borde, bænke og "
            "lydanlæg gratis i op til en uge. Book via Frivilligcentret."
        ),
        "supporters": 5,
        "comments": [
            ("forening@example.org", "Vi har lånt telte til sommerlejren. Det fungerede perfekt!"),
            ("mette.dahl@example.org", "Kunne man også få en trailer med i banken?"),
        ],
    },
    {
        "title": "Gratis parkering ved Kronborg for frivillige guider",
        "description": (
            "De frivillige, der viser turister rundt i Helsingør, betaler selv for parkering. Giv dem et "
            "parkeringskort."
        ),
        "proposer": "lise.bach@example.org",
        "towns": ["helsingor"],
        "categories": ["kultur"],
        "status": Idea.Status.NOT_PURSUED,
        "response": (
            "Kommunen kan ikke give gratis parkering til én gruppe frivillige uden at gøre det for alle. I stedet kan "
            "foreninger søge om dækning af frivilliges udgifter, også parkering, gennem de almindelige tilskud."
        ),
        "supporters": 1,
        "comments": [],
    },
]


def _seed_ideas(*, citizens: list[User]) -> None:
    everyone = [demo_user("borger@example.org"), demo_user("forening@example.org"), *citizens]
    by_email = {person.email: person for person in everyone}
    now = timezone.now()
    for number, spec in enumerate(IDEAS):
        proposer = by_email[spec["proposer"]]
        association = _association(spec.get("association", ""))
        responded = now - dt.timedelta(days=number + 1) if spec["response"] else None
        idea, _created = Idea.objects.update_or_create(
            title=spec["title"],
            proposer=proposer,
            defaults={
                "description": spec["description"],
                "association": association,
                "status": spec["status"],
                "staff_response": spec["response"],
                "responded_at": responded,
                "status_version": 1 if spec["response"] else 0,
            },
            create_defaults={
                "description": spec["description"],
                "association": association,
                "status": spec["status"],
                "staff_response": spec["response"],
                "responded_at": responded,
                "status_version": 1 if spec["response"] else 0,
                "created_at": now - dt.timedelta(days=20 - 2 * number),
            },
        )
        for town in spec["towns"]:
            IdeaTown.objects.get_or_create(idea=idea, town=town)
        idea.categories.set(_categories(*spec["categories"]))
        supporters = [person for person in everyone if person != proposer][: spec["supporters"]]
        for person in supporters:
            Support.objects.get_or_create(idea=idea, user=person)
        for minutes, (email, body) in enumerate(spec["comments"]):
            Comment.objects.get_or_create(
                idea=idea,
                author=by_email[email],
                body=body,
                defaults={"created_at": now - dt.timedelta(days=10 - number) + dt.timedelta(minutes=90 * minutes)},
            )


FORA = [
    {
        "slug": "frivilligraadet",
        "name_da": "Frivilligrådet",
        "name_en": "The Volunteer Council",
        "position": 1,
        "description_da": (
            "Frivilligrådet er bindeleddet mellem de frivillige sociale foreninger og byrådet. Rådet giver "
            "høringssvar, rådgiver politikerne om frivillighed og fordeler hvert år de sociale "
            "§ 18-midler.\n\nRådet mødes fire gange om året. Møderne er åbne for tilhørere, og alle kan foreslå "
            "punkter til dagsordenen inden fristen."
        ),
        "description_en": (
            "The Volunteer Council links the voluntary social associations and the City Council. It responds to "
            "consultations, advises the politicians on volunteering and distributes the yearly social grants "
            "(section 18).\n\nThe council meets four times a year. Meetings are open to the public, and anyone can "
            "propose a topic before the deadline."
        ),
        "members": [
            (
                "Hanne Vestergaard",
                "Formand, valgt af de sociale foreninger",
                "Chair, elected by the social associations",
            ),
            ("Peter Lund", "Næstformand, Ældre Sagen Helsingør", "Vice-chair, Ældre Sagen Helsingør"),
            (
                "Samira Haddad",
                "Repræsentant for integrationsforeningerne",
                "Representative of integration associations",
            ),
            (
                "Ole Thomsen",
                "Byrådsmedlem, Social- og Sundhedsudvalget",
                "City Council member, Social and Health Committee",
            ),
            ("Maria Kjær", "Sekretær, Helsingør Kommune", "Secretary, Helsingør Municipality"),
        ],
        "place": "Helsingør Rådhus, mødesal 1, Stengade 59, 3000 Helsingør",
        "agenda": ["Godkendelse af dagsorden", "Nyt fra kommunen", "Fordeling af § 18-midler", "Eventuelt"],
    },
    {
        "slug": "idraets-og-fritidsforum",
        "name_da": "Idræts- og Fritidsforum",
        "name_en": "Sports and Leisure Forum",
        "position": 2,
        "description_da": (
            "Idræts- og Fritidsforum samler idrætsforeninger, spejdere og andre fritidsforeninger i kommunen. "
            "Forummet er høringspart i sager om haller, baner og lokaler og mødes med Kultur- og Idrætsudvalget to "
            "gange om året."
        ),
        "description_en": (
            "The Sports and Leisure Forum brings together sports clubs, scouts and other leisure associations. It is "
            "consulted on halls, pitches and premises and meets the Culture and Sports Committee twice a year."
        ),
        "members": [
            ("Jesper Mølgaard", "Formand, Espergærde Idrætsforening", "Chair, Espergærde sports club"),
            ("Anja Frost", "Spejderne i Helsingør", "The scouts in Helsingør"),
            ("Kim Rasmussen", "Hornbæk Sejlklub", "Hornbæk sailing club"),
            (
                "Birthe Skov",
                "Byrådsmedlem, Kultur- og Idrætsudvalget",
                "City Council member, Culture and Sports Committee",
            ),
        ],
        "place": "Kulturværftet, Allégade 2, 3000 Helsingør",
        "agenda": ["Godkendelse af dagsorden", "Fordeling af haltider for næste sæson", "Status på nye baner"],
    },
]

MINUTES = (
    "**Til stede:** alle medlemmer undtagen én (afbud).\n\n"
    "1. Dagsordenen blev godkendt.\n"
    "2. Kommunen orienterede om den nye frivillighedsportal, hvor idéer og mødedatoer nu samles.\n"
    "3. Forummet drøftede fordelingen og bakker op om, at nye foreninger prioriteres.\n"
    "4. Intet under eventuelt.\n\n"
    "Næste møde: se mødeoversigten."
)


def _seed_fora() -> None:
    now = timezone.localtime()
    for spec in FORA:
        forum, _created = Forum.objects.update_or_create(
            slug=spec["slug"],
            defaults={
                "name_da": spec["name_da"],
                "name_en": spec["name_en"],
                "description_da": spec["description_da"],
                "description_en": spec["description_en"],
                "position": spec["position"],
            },
        )
        for position, (name, role_da, role_en) in enumerate(spec["members"]):
            ForumMember.objects.update_or_create(
                forum=forum, name=name, defaults={"role_da": role_da, "role_en": role_en, "position": position}
            )
        # Meetings are dated relative to today, so they are only made once: a second run must not add more.
        if forum.meetings.exists():
            continue
        evening = now.replace(hour=17 if spec["position"] == 1 else 19, minute=0, second=0, microsecond=0)
        for weeks in (-20, -8, 3, 14):
            starts = evening + dt.timedelta(weeks=weeks)
            meeting = Meeting.objects.create(
                forum=forum,
                starts_at=starts,
                ends_at=starts + dt.timedelta(hours=2),
                place=spec["place"],
                topic_deadline=starts - dt.timedelta(days=10),
                minutes=MINUTES if weeks < 0 else "",
            )
            for position, title in enumerate(spec["agenda"], start=1):
                AgendaItem.objects.create(meeting=meeting, title=title, position=position)


def _seed_topics() -> None:
    forum = Forum.objects.get(slug="frivilligraadet")
    upcoming = forum.meetings.filter(starts_at__gt=timezone.now()).order_by("starts_at")
    if not upcoming.exists() or AgendaTopic.objects.filter(meeting__forum=forum).exists():
        return
    soon, later = upcoming[0], upcoming.last()
    citizen = demo_user("borger@example.org")
    association_admin = demo_user("forening@example.org")
    accepted = AgendaTopic.objects.create(
        meeting=soon,
        proposer=association_admin,
        association=_association("espergaerde-spejderne"),
        title="Børneattester: hjælp til de små foreninger",
        description="Mange små foreninger er usikre på reglerne for børneattester. Kan kommunen tilbyde et kursus?",
        status=AgendaTopic.Status.ACCEPTED,
        decided_at=timezone.now(),
    )
    AgendaItem.objects.create(
        meeting=soon, title=accepted.title, description=accepted.description, position=3, topic=accepted
    )
    AgendaTopic.objects.create(
        meeting=soon,
        proposer=citizen,
        title="Parkering ved rådhuset om aftenen",
        description="Kan frivillige parkere gratis ved rådhuset, når de er til møde?",
        status=AgendaTopic.Status.DECLINED,
        decision_reason="Parkering hører under Teknik- og Miljøudvalget; vi har sendt dit spørgsmål videre dertil.",
        decided_at=timezone.now(),
    )
    AgendaTopic.objects.create(
        meeting=later,
        proposer=citizen,
        title="Besøgsvenner til ensomme ældre i Tikøb",
        description="Der mangler besøgsvenner i landsbyerne. Kan rådet tage initiativ til en kampagne?",
    )


INSPIRATION = [
    {
        "slug": "lektiecafe",
        "title_da": "Lektiecafé for børn og unge",
        "title_en": "Homework café for children and young people",
        "summary_da": (
            "En fast eftermiddag om ugen, hvor frivillige hjælper skolebørn med lektierne, over en kop kakao. Det "
            "styrker fagligheden, men lige så meget trivslen: børnene får en voksen, der har tid.\n\n"
            "**Sådan kommer I i gang:** find et lokale (bibliotek, skole eller klubhus), aftal et fast tidspunkt, og "
            "fortæl skolens lærere om tilbuddet, så de kan henvise elever."
        ),
        "summary_en": (
            "One fixed afternoon a week where volunteers help schoolchildren with homework, over a cup of cocoa. It "
            "helps with school work and just as much with well-being: the children meet an adult who has time."
        ),
        "who_da": (
            "Pensionerede lærere, gymnasieelever og studerende. En forening eller biblioteket kan være vært. Husk "
            "børneattest for alle frivillige."
        ),
        "who_en": "Retired teachers, upper-secondary pupils and students. Remember child protection certificates.",
        "examples_da": (
            "- Røde Kors' lektiecaféer findes i mange kommuner\n- Flere biblioteker har lektiehjælp på hverdage"
        ),
        "source": "Frivilligkonferencen, workshop om børn og unge",
        "associations": [],
    },
    {
        "slug": "besoegsven",
        "title_da": "Besøgsven til ensomme ældre",
        "title_en": "A visiting friend for lonely older people",
        "summary_da": (
            "En frivillig besøger den samme ældre borger en gang om ugen: en kop kaffe, en gåtur, et spil kort. "
            "Det kræver ikke meget, men betyder meget for den, der sidder alene.\n\n"
            "Hjemmeplejen og de forebyggende hjemmebesøg kender de ældre, der kunne have glæde af en besøgsven, og "
            "kan hjælpe med at skabe kontakten."
        ),
        "summary_en": (
            "A volunteer visits the same older person once a week: a coffee, a walk, a game of cards. The home care "
            "service can help find those who would like a visitor."
        ),
        "who_da": "Alle med en time om ugen. Ældreorganisationer og sociale foreninger kan koordinere.",
        "who_en": "Anyone with an hour a week. Senior and social associations can coordinate.",
        "examples_da": "- Ældre Sagens besøgsvenner\n- Røde Kors' besøgstjeneste",
        "source": "Frivilligkonferencen, workshop om ensomhed",
        "associations": [],
    },
    {
        "slug": "strandrensning",
        "title_da": "Fælles strandrensning langs Øresund",
        "title_en": "Beach clean-up along the Øresund coast",
        "summary_da": (
            "To gange om året samler foreninger, skoleklasser og naboer affald på strandene fra Helsingør til "
            "Hornbæk. Kommunen stiller sække, handsker og afhentning til rådighed, og dagen slutter med suppe.\n\n"
            "Det er en god begyndelse for nye frivillige: det tager et par timer og kræver ingen forudsætninger."
        ),
        "summary_en": (
            "Twice a year associations, school classes and neighbours collect litter on the beaches from Helsingør "
            "to Hornbæk. The municipality provides bags, gloves and collection."
        ),
        "who_da": "Grundejerforeninger, spejdere, dykkerklubber, skoleklasser og alle andre.",
        "who_en": "Residents' associations, scouts, diving clubs, school classes and everyone else.",
        "examples_da": "- Danmarks Naturfredningsforenings landsdækkende affaldsindsamling i april",
        "source": "Workshop om natur og frivillighed",
        "associations": ["espergaerde-spejderne"],
    },
    {
        "slug": "reparationscafe",
        "title_da": "Reparationscafé",
        "title_en": "Repair café",
        "summary_da": (
            "Folk tager deres ødelagte ting med, og frivillige hjælper med at reparere dem: cykler, lamper, tøj og "
            "små elektriske apparater. Man lærer af hinanden og smider mindre ud.\n\n"
            "En café en lørdag om måneden i et forsamlingshus eller på biblioteket er nok til at komme i gang."
        ),
        "summary_en": "People bring broken things and volunteers help repair them: bikes, lamps, clothes, gadgets.",
        "who_da": "Pensionerede håndværkere, syklubber, cykelentusiaster og makerspaces.",
        "who_en": "Retired craftspeople, sewing circles, bike enthusiasts and makerspaces.",
        "examples_da": "- Repair Café-bevægelsen har caféer i mange danske byer",
        "source": "Frivilligkonferencen, workshop om grøn omstilling",
        "associations": [],
    },
    {
        "slug": "gaafaellesskaber",
        "title_da": "Gåfællesskaber i lokalområdet",
        "title_en": "Local walking groups",
        "summary_da": (
            "En fast gåtur fra et fast mødested, samme tid hver uge, i et tempo hvor alle kan være med. Gåturen "
            "giver motion og er en let måde at lære naboer at kende.\n\n"
            "Læg ruten et sted med bænke og toilet undervejs, og slut gerne med kaffe."
        ),
        "summary_en": "A weekly walk from a fixed meeting point at a pace everyone can manage; a way to meet neighbours.",
        "who_da": "Ældreforeninger, patientforeninger, boligforeninger og idrætsforeninger.",
        "who_en": "Senior, patient, housing and sports associations.",
        "examples_da": "- Dansk Firmaidrætsforbunds gåfællesskaber\n- Hjerteforeningens hjertestier",
        "source": "Workshop om sundhed og bevægelse",
        "associations": [],
    },
    {
        "slug": "faellesspisning",
        "title_da": "Fællesspisning på tværs",
        "title_en": "Community dinners",
        "summary_da": (
            "Et måltid for en fast, lav pris en gang om måneden, hvor nye og gamle borgere spiser sammen. De "
            "frivillige laver maden sammen med deltagerne, og nye danskere kan stå for et måltid fra deres "
            "hjemland.\n\nMåltidet er et godt sted at fortælle om foreningernes tilbud."
        ),
        "summary_en": "A low-cost monthly meal where newcomers and long-time residents cook and eat together.",
        "who_da": "Boligsociale projekter, kirker, integrationsforeninger og forsamlingshuse.",
        "who_en": "Housing projects, churches, integration associations and village halls.",
        "examples_da": "- Folkekøkkener i flere byer\n- Fællesspisning i forsamlingshuse",
        "source": "Frivilligkonferencen, workshop om nye målgrupper",
        "associations": [],
    },
    {
        "slug": "deling-af-udstyr",
        "title_da": "Del udstyr og lokaler mellem foreninger",
        "title_en": "Share equipment and premises between associations",
        "summary_da": (
            "Mange foreninger ejer udstyr, der står stille det meste af året, og har lokaler, der er tomme på "
            "bestemte dage. En enkel liste over, hvad man kan låne af hinanden, sparer penge og skaber samarbejde."
        ),
        "summary_en": "A simple list of what associations can lend each other saves money and builds cooperation.",
        "who_da": "Alle foreninger; et lokalråd eller Frivilligcentret kan holde listen.",
        "who_en": "All associations; a local council or the volunteer centre can keep the list.",
        "examples_da": "- Kommunens materialebank (se idéen om en fælles materialebank)",
        "source": "Workshop om foreningssamarbejde",
        "associations": [],
        "ideas": ["Fælles materialebank for foreningerne"],
    },
    {
        "slug": "naturplejedage",
        "title_da": "Naturplejedage",
        "title_en": "Nature care days",
        "summary_da": (
            "Frivillige hjælper med at rydde krat, slå enge og sætte hegn op i samarbejde med kommunens "
            "naturmedarbejdere. Opgaverne er konkrete, man ser resultatet med det samme, og man kommer ud i "
            "naturen sammen."
        ),
        "summary_en": "Volunteers clear scrub, mow meadows and put up fences together with the municipality's rangers.",
        "who_da": "Naturforeninger, spejdere, jægerforeninger og grundejerforeninger.",
        "who_en": "Nature associations, scouts, hunting clubs and residents' associations.",
        "examples_da": "- Naturstyrelsens plejedage i statsskovene\n- DN's naturplejegrupper",
        "source": "Workshop om natur og frivillighed",
        "associations": [],
    },
    {
        "slug": "it-cafe-for-seniorer",
        "title_da": "IT-café for seniorer",
        "title_en": "IT café for seniors",
        "summary_da": (
            "Frivillige hjælper ældre med MitID, e-Boks, sundhed.dk og at videoringe til børnebørnene. Tålmodighed "
            "er vigtigere end teknisk ekspertise.\n\nHusk: de frivillige må aldrig få adgang til borgerens "
            "MitID-oplysninger. Borgeren taster selv."
        ),
        "summary_en": "Volunteers help older people with MitID, e-Boks, health portals and video calls.",
        "who_da": "Bibliotekerne, ældreorganisationer, gymnasieelever og it-interesserede pensionister.",
        "who_en": "Libraries, senior organisations, upper-secondary pupils and retired IT enthusiasts.",
        "examples_da": "- Ældre Sagens it-hjælpere\n- Bibliotekernes digitale hjælp",
        "source": "Frivilligkonferencen, workshop om digital inklusion",
        "associations": [],
    },
    {
        "slug": "frivillig-fredag",
        "title_da": "Frivillig Fredag: vis hvad I laver",
        "title_en": "Volunteer Friday: show what you do",
        "summary_da": (
            "Frivillig Fredag er den sidste fredag i september. Foreninger kan holde åbent hus, invitere til "
            "prøvetræning eller takke deres frivillige. Kommunen samler arrangementerne, så borgerne kan se dem ét "
            "sted."
        ),
        "summary_en": (
            "Volunteer Friday is the last Friday of September. Associations hold open days, taster sessions or thank "
            "their volunteers."
        ),
        "who_da": "Alle foreninger og frivillige netværk.",
        "who_en": "All associations and volunteer networks.",
        "examples_da": "- Den landsdækkende Frivillig Fredag, koordineret af Center for Frivilligt Socialt Arbejde",
        "source": "Frivilligkonferencen",
        "associations": ["espergaerde-spejderne"],
    },
]


def _seed_inspiration() -> None:
    for position, spec in enumerate(INSPIRATION):
        entry, _created = InspirationEntry.objects.update_or_create(
            slug=spec["slug"],
            defaults={
                "title_da": spec["title_da"],
                "title_en": spec["title_en"],
                "summary_da": spec["summary_da"],
                "summary_en": spec["summary_en"],
                "who_da": spec["who_da"],
                "who_en": spec["who_en"],
                "examples_da": spec["examples_da"],
                "source": spec["source"],
                "position": position,
            },
        )
        entry.associations.set(Association.objects.filter(slug__in=spec["associations"]))
        entry.ideas.set(Idea.objects.filter(title__in=spec.get("ideas", [])))


def seed(*, stdout) -> None:
    citizens = _citizens()
    _seed_ideas(citizens=citizens)
    _seed_fora()
    _seed_topics()
    _seed_inspiration()
    stdout.write(
        f"Dialogue: {Idea.objects.count()} ideas, {Forum.objects.count()} fora, "
        f"{Meeting.objects.count()} meetings, {InspirationEntry.objects.count()} inspiration entries"
    )
