"""The demo's people: the four agencies of the two real study visits
(shared/seeds/), one demo account per role in each agency with the people
the news articles name, the national administrator, and the agencies' good
practices. ``demo/load.py`` makes the database match them."""

from django.utils.translation import gettext as _

from agencies.models import Role

# Demo only: the README prints it, so it must never guard a real server.
DEMO_PASSWORD = "demo-studitiru"
# The authenticator app of the demo heads, agency admins and national admin,
# who must log in with a second factor: `make run` prints it (to add to an
# app) and `manage.py demo_totp <e-mail>` prints its current code, so that a
# newcomer needs no phone. Published, like the password: demo only.
DEMO_TOTP_SECRET = "STUDITIRUDEMOSTUDITIRUDEMOSTUDIT"

# --- Agencies -----------------------------------------------------------------
# Keyed by the Kemendagri code of their kabupaten/kota; level and province come
# from that region. Addresses, phones and e-mails are unknown: left empty.

AGENCIES = [
    {
        "regency": "33.73",
        "name": "Dinas Sosial Kota Salatiga",
        "short_name": "Dinsos Kota Salatiga",
        "slug": "kota-salatiga",
        "letterhead": "PEMERINTAH KOTA SALATIGA\nDINAS SOSIAL",
        "divisions": [
            "Sekretariat",
            "Bidang Pemberdayaan Sosial",
            "Bidang Perlindungan Jaminan Sosial dan Penanganan Fakir Miskin",
        ],
    },
    {
        "regency": "33.71",
        "name": "Dinas Sosial Kota Magelang",
        "short_name": "Dinsos Kota Magelang",
        "slug": "kota-magelang",
        "letterhead": "PEMERINTAH KOTA MAGELANG\nDINAS SOSIAL",
        "divisions": ["Sekretariat", "Bidang Rehabilitasi Sosial dan Pemberdayaan Sosial"],
    },
    {
        "regency": "35.19",
        "name": "Dinas Sosial Kabupaten Madiun",
        "short_name": "Dinsos Kabupaten Madiun",
        "slug": "kabupaten-madiun",
        "letterhead": "PEMERINTAH KABUPATEN MADIUN\nDINAS SOSIAL",
        "divisions": ["Sekretariat", "Bidang Perlindungan dan Jaminan Sosial"],
    },
    {
        "regency": "35.73",
        "name": "Dinas Sosial Kota Malang",
        "short_name": "Dinsos Kota Malang",
        "slug": "kota-malang",
        "letterhead": "PEMERINTAH KOTA MALANG\nDINAS SOSIAL",
        "divisions": ["Sekretariat", "Bidang Pemberdayaan Sosial"],
    },
]

# --- Accounts -----------------------------------------------------------------
# One account per role in each agency. The people the articles name fill the
# slots their work fits, with their names and titles as the articles write
# them; every other slot is a plainly fictitious "… Demo …" account. No NIPs:
# the articles give none and a made-up one would look real.

NATIONAL_ADMIN = {"email": "admin@studitiru.test", "name": "Admin Nasional Demo"}

DEMO_ACCOUNTS = [
    # Dinas Sosial Kota Salatiga (seed 000, the visitor)
    {
        "email": "staf.salatiga@studitiru.test",
        "name": "Koordinator Demo Dinsos Kota Salatiga",
        "agency": "kota-salatiga",
        "role": Role.STAFF,
        "position": "Koordinator Studi Tiru",
        "division": "Sekretariat",
    },
    {
        "email": "penyuluh.salatiga@studitiru.test",
        "name": "Penyuluh Demo Dinsos Kota Salatiga",
        "agency": "kota-salatiga",
        "role": Role.PENYULUH,
        "position": "Penyuluh Sosial",
        "division": "Bidang Pemberdayaan Sosial",
    },
    {
        "email": "kepala.salatiga@studitiru.test",
        "name": "Slamet Setyo Budi, S.E., M.Acc.",
        "agency": "kota-salatiga",
        "role": Role.HEAD,
        "position": "Kepala Dinas Sosial Kota Salatiga",
        "division": None,
    },
    {
        "email": "admin.salatiga@studitiru.test",
        "name": "Admin Demo Dinsos Kota Salatiga",
        "agency": "kota-salatiga",
        "role": Role.ADMIN,
        "position": "Pengelola Portal Studi Tiru",
        "division": "Sekretariat",
    },
    # Dinas Sosial Kota Magelang (seed 000, the host; its penyuluh wrote the report)
    {
        "email": "staf.magelang@studitiru.test",
        "name": "Koordinator Demo Dinsos Kota Magelang",
        "agency": "kota-magelang",
        "role": Role.STAFF,
        "position": "Koordinator Studi Tiru",
        "division": "Sekretariat",
    },
    {
        "email": "penyuluh.magelang@studitiru.test",
        "name": "Dwi Ambar Pratiknyo, S.Sos., MPSSp",
        "agency": "kota-magelang",
        "role": Role.PENYULUH,
        "position": "Penyuluh Sosial Madya",
        "division": None,
    },
    {
        "email": "penyuluh2.magelang@studitiru.test",
        "name": "Tutut Hari Martanto, S.Psi",
        "agency": "kota-magelang",
        "role": Role.PENYULUH,
        "position": "Penyuluh Sosial Ahli Muda",
        "division": None,
    },
    {
        "email": "kepala.magelang@studitiru.test",
        "name": "Drs. Hadi Sutopo",
        "agency": "kota-magelang",
        "role": Role.HEAD,
        "position": "Sekretaris Dinas Sosial Kota Magelang",
        "division": "Sekretariat",
    },
    {
        "email": "admin.magelang@studitiru.test",
        "name": "Admin Demo Dinsos Kota Magelang",
        "agency": "kota-magelang",
        "role": Role.ADMIN,
        "position": "Pengelola Portal Studi Tiru",
        "division": "Sekretariat",
    },
    # Dinas Sosial Kabupaten Madiun (seed 004, the visitor)
    {
        "email": "staf.madiun@studitiru.test",
        "name": "Andre",
        "agency": "kabupaten-madiun",
        "role": Role.STAFF,
        "position": "Koordinator SLRT Kabupaten Madiun",
        "division": "Bidang Perlindungan dan Jaminan Sosial",
    },
    {
        "email": "penyuluh.madiun@studitiru.test",
        "name": "Penyuluh Demo Dinsos Kabupaten Madiun",
        "agency": "kabupaten-madiun",
        "role": Role.PENYULUH,
        "position": "Penyuluh Sosial",
        "division": "Bidang Perlindungan dan Jaminan Sosial",
    },
    {
        "email": "kepala.madiun@studitiru.test",
        "name": "Dedy Anggoro",
        "agency": "kabupaten-madiun",
        "role": Role.HEAD,
        "position": "Kepala Bidang Perlindungan dan Jaminan Sosial",
        "division": "Bidang Perlindungan dan Jaminan Sosial",
    },
    {
        "email": "admin.madiun@studitiru.test",
        "name": "Admin Demo Dinsos Kabupaten Madiun",
        "agency": "kabupaten-madiun",
        "role": Role.ADMIN,
        "position": "Pengelola Portal Studi Tiru",
        "division": "Sekretariat",
    },
    # Dinas Sosial Kota Malang (seed 004, the host)
    {
        "email": "staf.malang@studitiru.test",
        "name": "Koordinator Demo Dinsos Kota Malang",
        "agency": "kota-malang",
        "role": Role.STAFF,
        "position": "Koordinator Studi Tiru",
        "division": "Sekretariat",
    },
    {
        "email": "penyuluh.malang@studitiru.test",
        "name": "Penyuluh Demo Dinsos Kota Malang",
        "agency": "kota-malang",
        "role": Role.PENYULUH,
        "position": "Penyuluh Sosial",
        "division": "Bidang Pemberdayaan Sosial",
    },
    {
        "email": "kepala.malang@studitiru.test",
        "name": "Syahrial Hamid",
        "agency": "kota-malang",
        "role": Role.HEAD,
        "position": "Kepala Bidang Pemberdayaan Sosial",
        "division": "Bidang Pemberdayaan Sosial",
    },
    {
        "email": "admin.malang@studitiru.test",
        "name": "Admin Demo Dinsos Kota Malang",
        "agency": "kota-malang",
        "role": Role.ADMIN,
        "position": "Pengelola Portal Studi Tiru",
        "division": "Sekretariat",
    },
]

# --- Good practices -----------------------------------------------------------

GOOD_PRACTICES = [
    {
        "agency": "kota-malang",
        "topic": "SLRT",
        "title": "SLRT terintegrasi Puskesos kelurahan",
        "description": (
            "Pelayanan Sistem Layanan dan Rujukan Terpadu (SLRT) berbasis kelurahan "
            "yang terintegrasi dengan Pusat Kesejahteraan Sosial (Puskesos): sistem "
            "koordinasi lintas sektor, strategi menjangkau kelompok rentan dan "
            "integrasi layanan sosial melalui sistem digital. Praktiknya dapat dilihat "
            "langsung di Kelurahan Pandanwangi."
        ),
        "location": "Kelurahan Pandanwangi",
        "contact": "Bidang Pemberdayaan Sosial Dinas Sosial Kota Malang",
    },
    {
        "agency": "kota-magelang",
        "topic": "FTJSLP",
        "title": "Forum TJSLP berdasarkan Perda Nomor 11 Tahun 2017",
        "description": (
            "Forum TJSLP dibentuk sebagai implementasi Perda Nomor 11 Tahun 2017 "
            "tentang TJSLP. Dengan adanya TJSLP atau CSR, terbuka peluang strategis "
            "untuk memperkuat sinergi pemerintah dan dunia usaha serta memperluas akses "
            "pelaksanaan program kesejahteraan sosial kepada masyarakat."
        ),
        "location": "Kantor Dinas Sosial Kota Magelang",
        "contact": "Sekretariat Dinas Sosial Kota Magelang",
    },
]


def demo_account_lines():
    """The demo accounts as aligned text lines (e-mail, role, agency), for the
    start-up message and ``manage.py demo_accounts``."""
    short_names = {agency["slug"]: agency["short_name"] for agency in AGENCIES}
    rows = [(NATIONAL_ADMIN["email"], _("Administrator nasional"), "—")] + [
        (account["email"], str(account["role"].label), short_names[account["agency"]])
        for account in DEMO_ACCOUNTS
    ]
    email_width = max(len(row[0]) for row in rows)
    role_width = max(len(row[1]) for row in rows)
    return [
        f"{email:<{email_width}}  {role:<{role_width}}  {agency}" for email, role, agency in rows
    ]
