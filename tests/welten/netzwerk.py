"""The network of Berlin-Nord and its outsiders, one object per case of the routes.

Träger Alpha (org_a) lies in Nord, Träger Beta (org_b) in Südost, both with unpublished
Steckbriefe; the Steckbrief of the Lindenhof e. V. (Nord, no persona represents it) is
published and has an admission record. Nord's network list, run by its coordination
(rk_nord), has Träger Alpha and Emma (ek_a) as members and a message; Träger Alpha runs a
list of its own with Finn (freiwillig) on it. Events: Träger Alpha's published public
workshop with registration (Finn holds a seat), its unpublished draft, and a published
meeting of Nord's coordination for the members of Nord's list only.

Träger Alpha's calls for helpers are needs with the organisation as poster, in Pankow: an
open one, Wednesdays 16–18 with an Arabic title, which Finn applied to with a message and on
which Nora Nachbarin (no persona) was accepted and works; and a paused one, which only the
organisation's workspace shows.

Rows are written directly: fixtures need no notices or history beyond what the pages show.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from freiwillige.models import Bewerbung, Einsatz
from konten.models import User
from netzwerk.models import (
    Aufnahmeschritt,
    Mitgliedschaft,
    Organisation,
    Veranstaltung,
    Veranstaltungsanmeldung,
    Verteiler,
    Verteilerereignis,
    Verteilernachricht,
)
from tests.factories import BedarfFactory, UserFactory, freiwillige_bereit
from tests.welten.grundlage import Grundlage, zusammensetzen
from unterkuenfte.models import Bedarf


@dataclass(kw_only=True)
class Netzwerk(Grundlage):
    aufruf_alpha: Bedarf
    aufruf_alpha_pausiert: Bedarf
    nora: User
    bewerbung_aufruf: Bewerbung
    einsatz_aufruf: Einsatz
    lindenhof: Organisation
    verteiler_nord: Verteiler
    verteiler_alpha: Verteiler
    mitglied_alpha: Mitgliedschaft
    mitglied_ek_a: Mitgliedschaft
    mitglied_freiwillig: Mitgliedschaft
    veranstaltung_alpha: Veranstaltung
    veranstaltung_entwurf: Veranstaltung
    veranstaltung_mitglieder: Veranstaltung
    anmeldung_freiwillig: Veranstaltungsanmeldung


def netzwerk_bauen(g: Grundlage) -> Netzwerk:
    jetzt = timezone.now()
    alpha, beta = g.traeger_a, g.traeger_b
    for organisation, region, bezirk, email in (
        (alpha, g.nord, g.pankow, "kontakt@alpha.invalid"),
        (beta, g.suedost, g.neukoelln, "kontakt@beta.invalid"),
    ):
        organisation.region, organisation.bezirk = region, bezirk
        organisation.kontakt_email = email
        organisation.save(update_fields=["region", "bezirk", "kontakt_email", "updated_at"])
    lindenhof = Organisation.objects.create(
        name="Lindenhof e. V.",
        art=Organisation.Art.MSO,
        region=g.nord,
        bezirk=g.pankow,
        beschreibung="Ein Verein für Nachbarschaft und Sprache.",
        kontakt_email="kontakt@lindenhof.invalid",
        steckbrief_freigegeben_am=jetzt - timedelta(days=30),
    )
    Aufnahmeschritt.objects.create(
        organisation=lindenhof,
        schritt=Aufnahmeschritt.Schritt.ERSTKONTAKT,
        datum=timezone.localdate() - timedelta(days=40),
        erledigt_von=g.rk_nord,
        notiz="Aufnahme-Notiz-vertraulich",
    )

    verteiler_nord = Verteiler.objects.create(name="Netzwerk Nord", region=g.nord)
    verteiler_alpha = Verteiler.objects.create(
        name="Freundeskreis Alpha", region=g.nord, organisation=alpha
    )

    def mitglied(verteiler, notiz, **wer):
        mitgliedschaft = Mitgliedschaft.objects.create(
            verteiler=verteiler, letzte_aktivitaet=jetzt - timedelta(days=20), **wer
        )
        Verteilerereignis.objects.create(
            mitgliedschaft=mitgliedschaft,
            art=Verteilerereignis.Art.AUFGENOMMEN,
            akteur=g.rk_nord,
            notiz=notiz,
        )
        return mitgliedschaft

    Verteilernachricht.objects.create(
        verteiler=verteiler_nord,
        betreff="Nachricht-Nord-vertraulich",
        text="Einladung zum nächsten Treffen",
        absender=g.rk_nord,
    )

    def veranstaltung(titel, **felder):
        beginn = jetzt + timedelta(days=10)
        werte = {
            "art": Veranstaltung.Art.WERKSTATT,
            "organisation": alpha,
            "region": g.nord,
            "bezirk": g.pankow,
            "beginn": beginn,
            "ende": beginn + timedelta(hours=2),
            "ort": "Nachbarschaftshaus Pankow",
            "veroeffentlicht": True,
            "erstellt_von": g.org_a,
            **felder,
        }
        return Veranstaltung.objects.create(titel=titel, **werte)

    veranstaltung_alpha = veranstaltung(
        "Werkstatt Ehrenamt Alpha", anmeldung_erforderlich=True, plaetze=10
    )
    aufrufe = _aufrufe(g)
    return zusammensetzen(
        Netzwerk,
        g,
        **aufrufe,
        lindenhof=lindenhof,
        verteiler_nord=verteiler_nord,
        verteiler_alpha=verteiler_alpha,
        mitglied_alpha=mitglied(verteiler_nord, "Zugestimmt beim Erstkontakt", organisation=alpha),
        mitglied_ek_a=mitglied(verteiler_nord, "Mitglieds-Notiz-vertraulich", person=g.ek_a),
        mitglied_freiwillig=mitglied(
            verteiler_alpha, "Freundeskreis-Notiz-vertraulich", person=g.freiwillig
        ),
        veranstaltung_alpha=veranstaltung_alpha,
        veranstaltung_entwurf=veranstaltung("Entwurf-Alpha-vertraulich", veroeffentlicht=False),
        veranstaltung_mitglieder=veranstaltung(
            "Netzwerktreffen-Mitglieder-vertraulich",
            art=Veranstaltung.Art.NETZWERKTREFFEN,
            organisation=None,
            oeffentlich=False,
            verteiler=verteiler_nord,
            erstellt_von=g.rk_nord,
        ),
        anmeldung_freiwillig=Veranstaltungsanmeldung.objects.create(
            veranstaltung=veranstaltung_alpha,
            person=g.freiwillig,
            status=Veranstaltungsanmeldung.Status.ANGEMELDET,
        ),
    )


def _aufrufe(g: Grundlage) -> dict:
    """Träger Alpha's calls for helpers, Nora and Finn's application (see above)."""
    alpha = g.traeger_a
    aufruf = BedarfFactory(
        unterkunft=None,
        organisation=alpha,
        titel="Sprachcafé Alpha",
        beschreibung="Wir treffen uns jeden Mittwoch im Kiez.",
        anzahl_besetzt=1,
    )
    aufruf.uebersetzungen = {"ar": {"titel": "مقهى اللغة ألفا"}}
    aufruf.save()
    nora = UserFactory(email="nora@test.invalid", anzeigename="Nora Nachbarin")
    freiwillige_bereit(nora, sprachen=[("ar", 4)], heimatbezirk=alpha.bezirk)
    angenommen = Bewerbung.objects.create(bedarf=aufruf, person=nora, status="angenommen")
    return {
        "aufruf_alpha": aufruf,
        "aufruf_alpha_pausiert": BedarfFactory(
            unterkunft=None,
            organisation=alpha,
            titel="Pausierter-Aufruf-Alpha-vertraulich",
            status="pausiert",
        ),
        "nora": nora,
        "bewerbung_aufruf": Bewerbung.objects.create(
            bedarf=aufruf, person=g.freiwillig, nachricht="Finns-Nachricht-vertraulich"
        ),
        "einsatz_aufruf": Einsatz.objects.create(
            bewerbung=angenommen,
            person=nora,
            bedarf=aufruf,
            organisation=alpha,
            beginn=timezone.localdate() - timedelta(days=14),
        ),
    }
