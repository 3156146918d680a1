"""Header names to fields: a synonym table in several languages, then substring rules.

``normalise_header`` drops accents, case, spaces and punctuation (``"E-Mail"``
-> ``"email"``, ``"Téléphone"`` -> ``"telephone"``); ``guess_field`` looks the
result up in ``SYNONYMS`` (English, German, French and Spanish, a little
Dutch, Italian, Portuguese and Russian), then in substring rules (``"Work
Email"`` is an email); Japanese, Chinese and Korean exports' headers too.  ``Name``/``Nom``/``Nombre`` are ambiguous (a surname
beside a first-name column, else a full name): :mod:`.generic` settles them
with ``NAME_OR_SURNAME``/``NAME_OR_FIRST``.
"""

from __future__ import annotations

from ..normalise import fold


def normalise_header(text: str) -> str:
    """``"  Prénom "`` -> ``"prenom"``: accents, case, spaces, punctuation gone."""
    return "".join(c for c in fold(text) if c.isalnum())


def _table(**fields: str) -> dict[str, str]:
    return {key: name for name, keys in fields.items() for key in keys.split()}


SYNONYMS = _table(
    first_name="firstname first givenname given forename fname vorname rufname prenom "
    "nombredepila primernombre voornaam nomedebatismo",
    middle_name="middlename middle middleinitial additionalname othernames zweitname "
    "weiterevornamen secondprenom autresprenoms segundonombre",
    last_name="lastname last surname familyname family lname nachname familienname zuname "
    "nomdefamille nomfamille apellido apellidos primerapellido achternaam cognome sobrenome",
    name="fullname displayname contactname contact person kontakt kontaktname "
    "vollstandigername nomcomplet nometprenom prenometnom nombrecompleto nombreyapellidos "
    "nomecompleto",
    organization="company companyname organization organisation org employer firm business "
    "firma firmenname unternehmen arbeitgeber organisationsname societe entreprise employeur "
    "organisme empresa compania organizacion empleador azienda bedrijf",
    title="title jobtitle position role job occupation profession titel berufsbezeichnung "
    "stelle funktion beruf jobbezeichnung poste fonction titre intituledeposte metier cargo "
    "puesto ocupacion profesion functie",
    department="department dept division team abteilung bereich service departement "
    "departamento area",
    industry="industry sector branche industrie secteur secteurdactivite industria sectorindustria rubro",
    location="location city town state region province country address fulladdress ort "
    "stadt wohnort standort land bundesland adresse anschrift ville localite lieu pays "
    "ciudad localidad ubicacion pais provincia direccion citta",
    linkedin_url="linkedin linkedinurl linkedinprofile linkedinprofil profileurl "
    "profillinkedin perfildelinkedin perfillinkedin",
    website="website web url homepage webpage webseite internetseite siteweb siteinternet "
    "sitioweb paginaweb",
    notes="notes note comment comments remarks memo description notizen notiz bemerkung "
    "bemerkungen kommentar kommentare anmerkungen remarques remarque commentaire "
    "commentaires notas nota comentario comentarios observaciones",
    how_met="howmet howwemet metthrough metat referredby referral introducedby source "
    "kennengelerntuber woherbekannt kontext rencontre commentrencontre "
    "comonosconocimos comoloconoci referidopor",
    email="email emails emailaddress mail mailadresse emailadresse courriel adressemail "
    "adresseemail adresseelectronique correo correoelectronico email1",
    phone="phone phonenumber phones telephone tel telefon telefonnummer fon handy mobil "
    "mobile mobilephone cell cellphone portable numerodetelephone telefono movil celular",
    tags="tags tag labels label categories category groups group keywords kategorie "
    "kategorien gruppe gruppen schlagworte stichworte etiquettes etiquette categorie "
    "categories groupe groupes etiquetas etiqueta categorias categoria grupo grupos",
    connected_on="connectedon connected dateconnected connectiondate datemet metdate "
    "kontaktseit verbundenseit verbundenam",
    birthday="birthday birthdate dateofbirth dob geburtstag geburtsdatum anniversaire "
    "datedenaissance cumpleanos fechadenacimiento fechanacimiento",
)
# A little Russian too: Cyrillic exports are the commonest non-Latin ones here.
SYNONYMS.update(_table(
    first_name="имя", middle_name="отчество", last_name="фамилия", name="фио",
    organization="компания организация", title="должность", phone="телефон",
    email="почта электроннаяпочта", location="город адрес", notes="заметки примечание",
))
# Japanese, Chinese and Korean: Thunderbird, Outlook and phone exports in those locales.
SYNONYMS.update(_table(
    first_name="名 名前 ファーストネーム 名字 이름",
    last_name="姓 苗字 ラストネーム 姓氏 성",
    name="表示名 氏名 フルネーム 显示名称 顯示名稱 姓名 표시이름",
    middle_name="ミドルネーム 中间名",
    email="電子メールアドレス メールアドレス 電子メール メール 电子邮件 电子邮件地址 "
    "電子郵件 電子郵件地址 이메일 전자메일주소 이메일주소",
    organization="勤務先 会社 会社名 所属 公司 单位 公司名称 公司名稱 회사 회사명 직장",
    title="役職 肩書き 职位 職稱 职务 직함 직위",
    department="部署 部门 部門 부서",
    phone="電話番号 電話 携帯電話番号 携帯電話 勤務先電話番号 自宅電話番号 电话 手机 移动电话 "
    "電話號碼 手機 전화 전화번호 휴대폰 휴대전화",
    notes="メモ 備考 备注 備註 메모",
    location="住所 市区町村 都道府県 国 地址 城市 國家 国家 주소 도시 국가",
    website="webページ1 webページ2 ウェブページ 网站 網站 웹사이트",
    birthday="誕生日 生日 생일",
    tags="カテゴリ 分类 分類 그룹",
))
# Headers that mean "surname" beside a first-name column, else a full name.
NAME_OR_SURNAME = {"name", "nom", "naam"}
NAME_OR_FIRST = {"nombre", "nome"}

_CONTAINS_RULES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("linkedin",), "linkedin_url"),
    (("mail", "courriel", "correo", "メール", "邮件", "郵件", "메일"), "email"),
    (("phone", "telefon", "telefono", "telephone", "mobil", "handy", "cell", "movil",
      "celular", "portable", "電話", "电话", "전화"), "phone"),
    (("firstname", "givenname", "vorname", "prenom"), "first_name"),
    (("lastname", "surname", "familyname", "nachname", "apellido"), "last_name"),
    (("company", "firma", "unternehmen", "empresa", "societe", "entreprise", "organi"),
     "organization"),
    (("jobtitle", "position", "titel", "poste", "cargo"), "title"),
    (("note", "notiz", "comment", "nota", "bemerkung"), "notes"),
    (("birth", "geburt", "naissance", "nacimiento"), "birthday"),
    (("city", "stadt", "ville", "ciudad", "country", "address", "adresse", "direccion"),
     "location"),
    (("website", "homepage", "webseite"), "website"),
)
_NOT_A_VALUE = ("type", "label", "display", "kind", "art")


def guess_field(header: str) -> str:
    """The field a header names, or ``"extra"`` when it is not recognised."""
    key = normalise_header(header)
    if not key:
        return "extra"
    if key in SYNONYMS:
        return SYNONYMS[key]
    if "mail" in key and key.endswith(("typ", "anzeigename", "angezeigtername")):
        return "extra"  # the German Outlook's "E-Mail-Typ" (SMTP) and display name
    if key.endswith(_NOT_A_VALUE):
        if key.endswith(("label", "type")) and "mail" in key:
            return "email_label"
        if key.endswith(("label", "type")) and ("phone" in key or "telefon" in key):
            return "phone_label"
        return "extra"
    stripped = key.rstrip("0123456789")
    if stripped in SYNONYMS and SYNONYMS[stripped] in ("email", "phone", "website", "notes"):
        return SYNONYMS[stripped]
    for needles, name in _CONTAINS_RULES:
        if any(n in key for n in needles):
            return name
    return "extra"
