"""Demo data: the advice topics, short Danish guides on each, and requests in every state."""

import datetime as dt

from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from advisory.models import AdviceRequest, Guide, Message, Topic
from associations.models import Association
from portal.demo import demo_user
from portal.models import User

STAFF_GROUP = "Foreningsrådgivning"
REVIEWED = dt.date(2026, 9, 1)

TOPICS = [
    {
        "slug": "start-en-forening",
        "name_da": "Start en forening",
        "name_en": "Starting an association",
        "summary_da": "Vedtægter, stiftende generalforsamling, CVR-nummer og bankkonto.",
        "summary_en": "Statutes, the founding general meeting, CVR number and bank account.",
        "guides": [
            (
                "vedtaegter",
                "Sådan skriver I vedtægter",
                "How to write statutes",
                """Vedtægterne er foreningens grundlov. De skal være korte og klare, så alle kan forstå dem.

## Det skal stå i vedtægterne

- **Navn og hjemsted**, fx "Espergærde Strikkeklub, hjemsted i Helsingør Kommune".
- **Formål**: hvad foreningen vil. Skriv det bredt nok til, at I kan udvikle jer.
- **Medlemskab**: hvem kan blive medlem, og hvordan melder man sig ud.
- **Kontingent**: hvem fastsætter det (normalt generalforsamlingen).
- **Generalforsamling**: hvornår den holdes, hvordan og hvor tidligt der indkaldes, og den faste dagsorden.
- **Bestyrelse**: hvor mange medlemmer, hvor længe de vælges, og hvordan den konstituerer sig.
- **Tegningsret**: hvem kan skrive under på foreningens vegne, fx formand og kasserer i forening.
- **Regnskab og revision**: regnskabsår og valg af revisor.
- **Vedtægtsændringer og opløsning**: hvilket flertal der kræves, og hvad der sker med formuen.

## Gode råd

- Vil I låne kommunale lokaler eller søge tilskud som folkeoplysende forening, skal vedtægterne vise, at foreningen er demokratisk og åben for alle, der tilslutter sig formålet.
- Skriv, at foreningens formue ved opløsning går til et almennyttigt formål. Det kræver mange fonde.
- Brug en skabelon fra jeres landsforbund, hvis I har et. Spørg os gerne, før I vedtager dem.
""",
            ),
            (
                "stiftende-generalforsamling",
                "Den stiftende generalforsamling",
                "The founding general meeting",
                """Foreningen bliver til på en stiftende generalforsamling. Den kan være kort, men den skal være i orden, for banken og kommunen vil se referatet.

## Dagsorden

1. Valg af dirigent og referent
2. Forslag om at stifte foreningen
3. Vedtagelse af vedtægter
4. Fastsættelse af kontingent
5. Valg af bestyrelse og suppleanter
6. Valg af revisor
7. Eventuelt

## Referatet

Referatet skal vise, at foreningen er stiftet, at vedtægterne er vedtaget, og hvem der er valgt. Dirigenten skriver under. Gem referatet sammen med de underskrevne vedtægter; I skal bruge begge, når I opretter CVR-nummer og bankkonto.

## Efter mødet

Bestyrelsen holder et konstituerende møde og fordeler posterne: formand, næstformand, kasserer og sekretær.
""",
            ),
            (
                "cvr-og-bankkonto",
                "CVR-nummer og bankkonto",
                "CVR number and bank account",
                """## CVR-nummer

En frivillig forening kan få et CVR-nummer gratis på [virk.dk](https://virk.dk). Formanden logger ind med MitID og opretter foreningen som "frivillig forening". I skal bruge navn, adresse, formål og bestyrelsens medlemmer.

Med CVR-nummeret kan foreningen få en NemKonto, og det er den, kommunen udbetaler tilskud til.

## Bankkonto

Bankerne skal efter hvidvaskloven kende foreningens ledelse. Tag med til banken:

- de underskrevne vedtægter
- referatet fra den stiftende generalforsamling
- CVR-nummeret
- legitimation for de personer, der skal have adgang til kontoen

Regn med, at det kan tage nogle uger. Aftal med banken, at betalinger kræver to personers godkendelse; det beskytter både foreningen og kassereren.
""",
            ),
        ],
    },
    {
        "slug": "oekonomi-og-regnskab",
        "name_da": "Økonomi og regnskab",
        "name_en": "Finances and bookkeeping",
        "summary_da": "Budget, kasserer, regnskab, revision, skat og moms.",
        "summary_en": "Budgets, the treasurer, accounts, auditing, tax and VAT.",
        "guides": [
            (
                "kassererens-opgaver",
                "Kassererens opgaver og god økonomistyring",
                "The treasurer's job and good financial control",
                """Kassereren holder styr på pengene, men det er hele bestyrelsen, der har ansvaret.

## Faste rutiner

- Bogfør alle indtægter og udgifter løbende, med et bilag til hver postering.
- Afstem kassebeholdning og bankkonto hver måned.
- Lav et budget til generalforsamlingen, og følg op på det på bestyrelsesmøderne.

## Kontrol, der beskytter alle

- **To i forening**: lad to personer godkende betalinger i netbanken.
- **Ingen kontanter i skuffen**: brug MobilePay eller bankoverførsel, så der er spor.
- **Intern revisor**: vælg en revisor på generalforsamlingen, som gennemgår regnskabet og bilagene.

## Regnskabet

Regnskabet forelægges på generalforsamlingen. Har foreningen fået kommunalt tilskud, skal regnskabet også sendes til kommunen. Gem bilag i mindst fem år.
""",
            ),
            (
                "skat-og-moms",
                "Skat og moms for foreninger",
                "Tax and VAT for associations",
                """De fleste frivillige foreninger betaler hverken skat eller moms, men der er grænser.

## Moms

Foreninger skal normalt først momsregistreres, hvis salget af momspligtige varer og ydelser er over 50.000 kr. om året. Kontingenter er ikke salg. Sælger I fx mad og drikke ved mange arrangementer, så hold øje med beløbet.

## Skat

En forening, der ikke driver erhverv, betaler som udgangspunkt ikke skat. Driver foreningen en cafe eller udlejning i større omfang, kan den blive skattepligtig af overskuddet.

## Frivillige og godtgørelse

Frivillige kan få udgifter dækket skattefrit efter regning, eller efter Skattestyrelsens faste satser for frivillige. Betaler I løn, er det ikke længere frivilligt arbejde, og så skal der indberettes til Skattestyrelsen. Læs mere på [skat.dk](https://skat.dk).
""",
            ),
        ],
    },
    {
        "slug": "fundraising-og-tilskud",
        "name_da": "Fundraising og tilskud",
        "name_en": "Funding and grants",
        "summary_da": "Kommunens tilskud, fonde og puljer, og hvordan I skriver en god ansøgning.",
        "summary_en": "Municipal grants, foundations and pools, and how to write a good application.",
        "guides": [
            (
                "god-ansoegning",
                "Sådan skriver I en god ansøgning",
                "How to write a good application",
                """## Før I skriver

- Læs fondens formål og kriterier grundigt. Passer projektet ikke, så brug tiden på en anden fond.
- Tjek ansøgningsfristen, og hvornår der gives svar. Mange fonde støtter ikke projekter, der allerede er gået i gang.

## Ansøgningen

1. **Kort resumé**: hvad, hvem, hvor og hvornår, på fem linjer.
2. **Behovet**: hvorfor er projektet vigtigt, og for hvem?
3. **Aktiviteter**: hvad skal der konkret ske?
4. **Resultater**: hvad er anderledes bagefter, og hvordan kan I se det?
5. **Budget**: realistisk og specificeret, med egenfinansiering og andre ansøgte fonde.

## Efter svaret

Får I penge, så husk afrapporteringen og tak fonden, gerne med billeder. Får I afslag, så spørg om en begrundelse og søg igen.
""",
            ),
            (
                "kommunale-tilskud",
                "Kommunens tilskud til foreninger",
                "The municipality's grants for associations",
                """Helsingør Kommune giver tilskud til foreninger efter folkeoplysningsloven og gennem en række puljer.

## Typer af tilskud

- **Aktivitetstilskud** til godkendte folkeoplysende foreninger med medlemmer under 25 år.
- **Lokaletilskud**, når foreningen lejer eller ejer egne lokaler, fordi der ikke er et kommunalt lokale.
- **Puljer** til nye initiativer, arrangementer og frivilligt socialt arbejde (servicelovens § 18).

## Sådan søger I

Alle ordninger, frister og betingelser står under Tilskud her på portalen, hvor I også søger digitalt. Brug tjeklisten dér til at se, om foreningen kan søge.

## Godt at vide

Foreningen skal have CVR-nummer og NemKonto, og I skal aflægge regnskab for tilskuddet. Er I i tvivl om, hvilken ordning der passer, så spørg en rådgiver.
""",
            ),
        ],
    },
    {
        "slug": "gdpr-for-foreninger",
        "name_da": "GDPR for foreninger",
        "name_en": "GDPR for associations",
        "summary_da": "Medlemslister, billeder, samtykke og sletning.",
        "summary_en": "Member lists, photos, consent and deletion.",
        "guides": [
            (
                "medlemsoplysninger",
                "Medlemsoplysninger: hvad må I gemme?",
                "Member data: what may you keep?",
                """Databeskyttelsesforordningen (GDPR) gælder også for frivillige foreninger.

## Må vi registrere medlemmerne?

Ja. Medlemskabet er grundlaget for at behandle navn, adresse, mail, telefon og betaling af kontingent. I skal ikke have samtykke til det.

## Hvad skal vi gøre?

- **Fortæl medlemmerne** hvilke oplysninger I gemmer og hvorfor, fx i en kort privatlivspolitik på hjemmesiden.
- **Gem kun det nødvendige**. CPR-numre må I kun gemme, hvis der er et lovkrav, fx til børneattester.
- **Beskyt oplysningerne**: brug et medlemssystem eller en delt mappe med adgangskode, ikke en liste i en privat mail.
- **Slet igen**: når et medlem melder sig ud, sletter I oplysningerne, når der ikke længere er brug for dem; regnskabsbilag gemmes i fem år.

## Sikkerhedsbrud

Er oplysninger kommet i forkerte hænder, skal det anmeldes til [Datatilsynet](https://www.datatilsynet.dk) inden 72 timer.
""",
            ),
            (
                "billeder-og-samtykke",
                "Billeder på hjemmeside og sociale medier",
                "Photos on the website and social media",
                """## Situationsbilleder og portrætbilleder

- **Situationsbilleder** viser en aktivitet, fx en kamp eller en koncert, hvor ingen enkeltperson er i fokus. Dem må I som udgangspunkt godt bruge, hvis billedet ikke udstiller nogen.
- **Portrætbilleder** har en eller få personer i fokus. Dem kræver samtykke.

## Børn

Vær ekstra forsigtige med billeder af børn. Få samtykke fra forældrene til alle billeder, hvor børn kan genkendes, og skriv aldrig fulde navne ved billeder af børn.

## Sådan gør I

- Spørg ved indmeldelsen, om medlemmet (eller forældrene) giver samtykke til billeder, og gem svaret.
- Fjern et billede hurtigt, hvis nogen beder om det.
""",
            ),
        ],
    },
    {
        "slug": "boerneattest",
        "name_da": "Børneattest",
        "name_en": "Child protection certificates",
        "summary_da": "Hvornår I skal indhente børneattest, og hvordan I gør.",
        "summary_en": "When you must obtain a child protection certificate, and how.",
        "guides": [
            (
                "hvornaar-boerneattest",
                "Hvornår skal foreningen indhente børneattest?",
                "When must the association obtain a certificate?",
                """En børneattest viser, om en person er dømt for seksuelle overgreb mod børn.

## Pligten

Foreninger, der får tilskud eller lokaler efter folkeoplysningsloven, **skal** indhente børneattest på alle, der er fyldt 15 år, og som skal have direkte kontakt med børn under 15 år. Det gælder både frivillige og ansatte, trænere, hjælpere og bestyrelsesmedlemmer, der er med til aktiviteter.

Attesten skal indhentes, **før** personen begynder.

## Erklæring til kommunen

Foreningen skal hvert år erklære over for kommunen, at den indhenter børneattester. Uden erklæringen kan kommunen ikke give tilskud eller lokaler.

## Fornyelse

Loven kræver ikke fornyelse, men mange foreninger fornyer attesten hvert andet år som god praksis.
""",
            ),
            (
                "saadan-bestiller-i",
                "Sådan bestiller I en børneattest",
                "How to request a certificate",
                """Børneattesten er gratis og bestilles digitalt.

1. En person med rettighed til foreningens CVR-nummer logger ind i Politiets børneattest-løsning via [virk.dk](https://virk.dk) med MitID Erhverv.
2. Foreningen indtaster personens navn og CPR-nummer.
3. Personen får besked i sin digitale post og giver samtykke med MitID.
4. Attesten kommer til foreningen, normalt i løbet af få dage.

## Opbevaring

Attesten indeholder følsomme oplysninger. Gem den sikkert, giv kun formanden eller den ansvarlige adgang, og slet den, når personen stopper i foreningen.

## Hvis attesten ikke er "ren"

Kontakt straks politiet eller kommunen for rådgivning, og lad ikke personen have kontakt med børn.
""",
            ),
        ],
    },
    {
        "slug": "arrangementer-og-tilladelser",
        "name_da": "Arrangementer og tilladelser",
        "name_en": "Events and permits",
        "summary_da": "Tilladelser til brug af veje og pladser, alkohol, telte, musik og lotteri.",
        "summary_en": "Permits for roads and squares, alcohol, tents, music and lotteries.",
        "guides": [
            (
                "tjekliste-arrangement",
                "Tjekliste: tilladelser til et arrangement",
                "Checklist: permits for an event",
                """Start i god tid; nogle tilladelser tager flere uger.

- **Offentlig vej, plads, park eller strand**: søg kommunen om tilladelse til at bruge arealet.
- **Telte og scener**: telte over 50 m² og større scener kræver byggetilladelse fra kommunen.
- **Mange mennesker**: skal der være mere end 150 personer i et lokale eller telt, gælder særlige brandregler. Kontakt Nordsjællands Brandvæsen.
- **Alkohol**: sælger I alkohol, skal I have en lejlighedstilladelse fra politiet. Søg på [politi.dk](https://politi.dk).
- **Mad**: sælger I mad, skal I følge Fødevarestyrelsens regler for midlertidige arrangementer.
- **Musik**: spiller I musik offentligt, skal I have tilladelse fra Koda og Gramex.
- **Lotteri**: et amerikansk lotteri, hvor lodder sælges og trækkes samme sted og dag, kræver normalt ikke tilladelse. Andre lotterier kræver tilladelse fra Spillemyndigheden.

Fortæl naboerne om arrangementet, især hvis der er musik om aftenen.
""",
            ),
            (
                "sikkerhed-ved-arrangementer",
                "Sikkerhed ved arrangementer",
                "Safety at events",
                """## Før arrangementet

- Udpeg en sikkerhedsansvarlig, som alle frivillige kender.
- Lav en plan for flugtveje, førstehjælp og hvem der ringer 112.
- Tjek, at foreningens forsikring dækker arrangementet og de frivillige.

## Under arrangementet

- Hold flugtveje fri, og hav førstehjælpskasse og hjertestarter klar; se den nærmeste på hjertestarter.dk.
- Sørg for, at frivillige i baren kender reglerne om alkohol og unge under 18 år.

## Efter arrangementet

Evaluer med de frivillige, og skriv det ned, I vil gøre anderledes næste gang.
""",
            ),
        ],
    },
    {
        "slug": "frivillige",
        "name_da": "Rekruttering og fastholdelse af frivillige",
        "name_en": "Recruiting and keeping volunteers",
        "summary_da": "Find nye frivillige, tag godt imod dem, og få dem til at blive.",
        "summary_en": "Find new volunteers, welcome them well and make them stay.",
        "guides": [
            (
                "find-nye-frivillige",
                "Sådan finder I nye frivillige",
                "How to find new volunteers",
                """## Gør opgaven konkret

De fleste siger ja til en afgrænset opgave: "Vil du stå for kaffen til tre hjemmekampe i efteråret?" er lettere at sige ja til end "Vil du være med i bestyrelsen?".

Skriv en kort beskrivelse af hver rolle: hvad skal man lave, hvor meget tid tager det, og hvad får man ud af det.

## Spørg personligt

Den bedste måde at finde frivillige på er stadig at spørge. Spørg forældre, tidligere medlemmer og naboer, og slå rollerne op under Frivilligjob her på portalen.

## Tænk bredt

Unge, seniorer, nye danskere og mennesker uden for arbejdsmarkedet er ofte glade for at være med, hvis rollen passer til dem. Tilbyd fleksible og korte opgaver.
""",
            ),
            (
                "fasthold-frivillige",
                "Sådan får I de frivillige til at blive",
                "How to keep your volunteers",
                """## God modtagelse

- Giv nye frivillige en fast kontaktperson.
- Fortæl om foreningen, kulturen og de praktiske ting: nøgler, kalender og hvem man spørger.

## Forventninger

Tal om, hvad I forventer af hinanden, og hvor meget tid den frivillige har. Det forebygger, at nogen brænder ud.

## Anerkendelse

Sig tak, ofte og konkret. Fejr resultaterne, og inviter til en årlig frivilligfest. Indstil jeres frivillige til kommunens frivilligpriser under Anerkendelse.

## Udvikling

Tilbyd kurser og nye opgaver til dem, der har lyst. Og når nogen vil stoppe, så tak dem og spørg, hvad I kan gøre bedre.
""",
            ),
        ],
    },
    {
        "slug": "lokaler",
        "name_da": "Lokaler",
        "name_en": "Premises",
        "summary_da": "Lån af kommunale lokaler og tilskud til egne lokaler.",
        "summary_en": "Borrowing municipal premises and grants towards your own.",
        "guides": [
            (
                "laan-kommunale-lokaler",
                "Lån af kommunale lokaler",
                "Borrowing municipal premises",
                """Godkendte folkeoplysende foreninger kan låne kommunens lokaler, haller og udendørsanlæg gratis til deres aktiviteter.

## Sådan gør I

1. Find lokalet under Lokaler her på portalen, og se, hvornår det er ledigt.
2. Book direkte. Faste ugentlige tider fordeles én gang om året; enkelttider kan bookes løbende.
3. Aflys i god tid, hvis I ikke bruger tiden, så andre kan få den.

## Regler

- Efterlad lokalet, som I fandt det.
- Den ansvarlige leder skal være til stede under hele aktiviteten.
- Følg husordenen og brandreglerne for det enkelte lokale.
""",
            ),
            (
                "egne-lokaler",
                "Egne eller lejede lokaler",
                "Your own or rented premises",
                """Kan kommunen ikke anvise et egnet lokale, kan foreningen leje eller eje sine egne lokaler og søge lokaletilskud.

## Før I lejer

- Tal med kommunen først. Tilskud forudsætter, at kommunen ikke kan anvise et lokale.
- Læs lejekontrakten grundigt: opsigelse, vedligeholdelse og hvem der betaler varme og el.
- Tjek, at lokalet er godkendt til det antal personer, I forventer.

## Forsikring

Foreningen bør have en ansvarsforsikring, og indboforsikring til eget udstyr. Spørg jeres landsforbund; mange har gode fællesaftaler.
""",
            ),
        ],
    },
    {
        "slug": "samarbejde-med-kommunen",
        "name_da": "Samarbejde med kommunen",
        "name_en": "Cooperation with the municipality",
        "summary_da": "Frivillighedspolitikken, samarbejdsaftaler og hvem I kan tale med.",
        "summary_en": "The volunteering policy, cooperation agreements and who to talk to.",
        "guides": [
            (
                "samarbejdsaftaler",
                "Samarbejde mellem foreninger og kommunens institutioner",
                "Cooperation between associations and municipal institutions",
                """Frivillighedspolitikken vil kombinere frivilliges og medarbejderes ressourcer. Mange af kommunens skoler, plejecentre og klubber samarbejder gerne med foreninger.

## Gode samarbejder begynder med en samtale

- Hvad vil I gerne bidrage med, og hvad har institutionen brug for?
- Hvem er kontaktpersonerne på begge sider?
- Hvordan evaluerer I samarbejdet?

## Skriv det ned

En kort samarbejdsaftale på én side gør det tydeligt, hvem der gør hvad: formål, aktiviteter, tidsrum, kontaktpersoner og hvordan aftalen kan opsiges. Frivillige må aldrig erstatte ansattes lovbundne opgaver.

## Tavshedspligt og børneattest

Skal de frivillige være sammen med børn eller borgere med behov for støtte, så aftal reglerne for tavshed og børneattester på forhånd.
""",
            ),
            (
                "dialog-med-kommunen",
                "Sådan er I med i dialogen",
                "How to take part in the dialogue",
                """Helsingør Kommune vil have en løbende og åben dialog med foreninger og frivillige.

- **Idéer**: del jeres forslag under Dialog her på portalen, hvor andre kan støtte dem.
- **Formelle fora**: foreningerne er repræsenteret i kommunens råd og udvalg, fx folkeoplysningsudvalget. Se møder og dagsordener under Dialog.
- **Høringer**: når kommunen ændrer regler for tilskud eller lokaler, sendes de i høring. Følg med, og giv jeres mening til kende.

Har I en konkret sag, så brug rådgivningen her: en navngiven medarbejder svarer jer og sørger for, at spørgsmålet når det rigtige sted hen.
""",
            ),
        ],
    },
]

# (asker, topic slug, subject, question, status, days ago, thread as [(from_staff, text)], outcome)
REQUESTS = [
    (
        "borger@example.org",
        "frivillige",
        "Kan jeg være frivillig, mens jeg er på dagpenge?",
        "Jeg er ledig og vil gerne hjælpe i en lokal forening et par timer om ugen. Må jeg det, og skal jeg fortælle det til nogen?",
        AdviceRequest.Status.NEW,
        1,
        [],
        "",
    ),
    (
        "forening@example.org",
        "boerneattest",
        "Børneattest til forældre, der kører til lejr",
        "Vores spejdergruppe tager på sommerlejr, og nogle forældre hjælper med kørsel og madlavning. Skal de have børneattest?",
        AdviceRequest.Status.ASSIGNED,
        6,
        [],
        "",
    ),
    (
        "forening@example.org",
        "arrangementer-og-tilladelser",
        "Loppemarked på torvet i Espergærde",
        "Vi vil holde loppemarked på torvet en lørdag i maj med boder og et lille telt. Hvilke tilladelser skal vi have?",
        AdviceRequest.Status.WAITING,
        8,
        [
            (True, "Tak for spørgsmålet. Hvor stort bliver teltet, og skal I sælge mad eller drikke?"),
        ],
        "",
    ),
    (
        "borger@example.org",
        "start-en-forening",
        "Vi vil starte en strikkeklub",
        "Vi er otte, der strikker sammen hver torsdag. Skal vi være en forening for at låne et lokale på biblioteket?",
        AdviceRequest.Status.ANSWERED,
        12,
        [
            (
                True,
                "Hej Birgitte. For at låne kommunale lokaler gratis skal I være en godkendt folkeoplysende "
                "forening. Det kræver vedtægter, en stiftende generalforsamling og en bestyrelse. Se vores "
                "vejledninger under Start en forening; skriv endelig, hvis I vil have os til at se vedtægterne "
                "igennem.",
            ),
        ],
        "",
    ),
    (
        "forening@example.org",
        "gdpr-for-foreninger",
        "Billeder fra spejderlejren på Facebook",
        "Må vi lægge billeder fra lejren på vores Facebook-side, hvis børnene kan genkendes?",
        AdviceRequest.Status.CLOSED,
        20,
        [
            (
                True,
                "Til billeder, hvor børn kan genkendes, skal I have forældrenes samtykke. Se vejledningen om "
                "billeder og samtykke.",
            ),
            (False, "Tak, vi sender en samtykkeerklæring ud til forældrene."),
        ],
        AdviceRequest.Outcome.RESOLVED,
    ),
    (
        "forening@example.org",
        "fundraising-og-tilskud",
        "Fondsansøgning til nye telte",
        "Vi har brug for nye telte til gruppen. Hvilke fonde kan vi søge?",
        AdviceRequest.Status.CLOSED,
        75,
        [(True, "Prøv de lokale fonde og Friluftsrådets udlodningsmidler. Vi henviser også til DDS' konsulent.")],
        AdviceRequest.Outcome.REFERRED,
    ),
]


# Requests the demo association person asked on behalf of the scouts, whose other members can then read them.
ON_BEHALF_OF = {
    "Børneattest til forældre, der kører til lejr": "espergaerde-spejderne",
    "Billeder fra spejderlejren på Facebook": "espergaerde-spejderne",
}


def _staff_group() -> Group:
    group, _ = Group.objects.get_or_create(name=STAFF_GROUP)
    group.permissions.add(*Permission.objects.filter(content_type__app_label="advisory"))
    return group


def _association_of(asker: User, slug: str | None) -> Association | None:
    """The demo association by slug, if the associations demo created it and made the asker a member; else None."""
    if slug is None:
        return None
    return Association.objects.filter(slug=slug, memberships__user=asker).first()


def seed(*, stdout) -> None:
    group = _staff_group()
    advisor = demo_user("admin@example.org")
    advisor.groups.add(group)

    topics = {}
    for position, data in enumerate(TOPICS):
        fields = {key: value for key, value in data.items() if key not in ("slug", "guides")}
        topic, _ = Topic.objects.update_or_create(
            slug=data["slug"], defaults={**fields, "staff_group": group, "position": position}
        )
        topics[topic.slug] = topic
        for guide_position, (slug, title_da, title_en, body_da) in enumerate(data["guides"]):
            Guide.objects.update_or_create(
                topic=topic,
                slug=slug,
                defaults={
                    "title_da": title_da,
                    "title_en": title_en,
                    "body_da": body_da.strip(),
                    "last_reviewed": REVIEWED,
                    "position": guide_position,
                },
            )

    now = timezone.now()
    for email, topic_slug, subject, question, status, days_ago, thread, outcome in REQUESTS:
        asker = demo_user(email)
        created_at = now - dt.timedelta(days=days_ago)
        association = _association_of(asker, ON_BEHALF_OF.get(subject))
        existing = AdviceRequest.objects.filter(asker=asker, subject=subject)
        if existing.exists():
            # A database seeded before requests could be made for an association gets the link on the next run.
            if association is not None:
                existing.filter(association__isnull=True).update(association=association)
            continue
        staff_messages = [index for index, (from_staff, _) in enumerate(thread) if from_staff]
        advice_request = AdviceRequest.objects.create(
            asker=asker,
            association=association,
            topic=topics[topic_slug],
            subject=subject,
            question=question,
            status=status,
            advisor=None if status == AdviceRequest.Status.NEW else advisor,
            created_at=created_at,
            first_response_at=created_at + dt.timedelta(hours=20) if staff_messages else None,
            waiting_since=created_at if status in AdviceRequest.AWAITING_STAFF else None,
            closed_at=created_at + dt.timedelta(days=3) if status == AdviceRequest.Status.CLOSED else None,
            outcome=outcome,
            internal_notes="Demo: intern note, som spørgeren aldrig ser.",
        )
        for index, (from_staff, text) in enumerate(thread):
            Message.objects.create(
                request=advice_request,
                author=advisor if from_staff else asker,
                from_staff=from_staff,
                body=text,
                created_at=created_at + dt.timedelta(hours=20 + 24 * index),
            )
    stdout.write(f"Advice: {len(topics)} topics, {Guide.objects.count()} guides, {len(REQUESTS)} demo requests")
