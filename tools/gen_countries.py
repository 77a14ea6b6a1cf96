#!/usr/bin/env python3
"""Regenerate data/actors/countries.tsv.

Reads the ISO 3166-1 list shipped by the Debian package iso-codes
(/usr/share/iso-codes/json/iso_3166-1.json, LGPL-2.1+) for the codes and the
ISO short, common and official names, and merges the hand-kept table below
(common English name, extra aliases, demonyms, capital) on top of it.

    python3 tools/gen_countries.py [--iso PATH] [--out PATH]

Standard library only.  The table below is the source of truth for every
column that does not come from iso-codes: edit it here, not in the TSV.
Format of a table line (fields separated by '|', lists by ';'):

    CODE|name|extra aliases|demonyms|capital

capital is ONE name (the loader reads the field as a single phrase); spelling
variants of capitals live in data/actors/places.tsv.

CODE is the CAMEO country code.  It equals the ISO alpha-3 code except where
CAMEO (as used by the Phoenix/PETRARCH2 dictionaries) differs: see ISO_TO_CAMEO.
Rows whose code is not in ISO 3166-1 (Kosovo, historical states) are kept as
written.  See data/actors/README.md for the column definitions.
"""

import argparse
import json
import sys

ISO_JSON = "/usr/share/iso-codes/json/iso_3166-1.json"

# ISO alpha-3 -> CAMEO code, where CAMEO/Phoenix use another code.
ISO_TO_CAMEO = {
    "TLS": "TMP",  # Timor-Leste: Phoenix.Countries.actors.txt codes it TMP (pre-2002 ISO code)
}

# ISO-derived names that must not become aliases (ambiguous in news text).
DROP_ISO_ALIASES = {
    "COG": {"Congo"},  # news "Congo" usually means the DRC; given to COD below
}

TABLE = """\
ABW|Aruba||Aruban;Arubans|Oranjestad
AFG|Afghanistan||Afghan;Afghans|Kabul
AGO|Angola||Angolan;Angolans|Luanda
AIA|Anguilla||Anguillan;Anguillans|
ALA|Åland Islands|Aland Islands;Åland;Aland|Ålander;Ålanders|Mariehamn
ALB|Albania||Albanian;Albanians|Tirana
AND|Andorra||Andorran;Andorrans|Andorra la Vella
ARE|United Arab Emirates|UAE;U.A.E.;Emirates|Emirati;Emiratis|Abu Dhabi
ARG|Argentina||Argentine;Argentines;Argentinian;Argentinians|Buenos Aires
ARM|Armenia||Armenian;Armenians|Yerevan
ASM|American Samoa||American Samoan;American Samoans|Pago Pago
ATA|Antarctica|||
ATF|French Southern Territories|French Southern and Antarctic Lands||
ATG|Antigua and Barbuda|Antigua|Antiguan;Antiguans|St. John's
AUS|Australia|Commonwealth of Australia|Australian;Australians|Canberra
AUT|Austria||Austrian;Austrians|Vienna
AZE|Azerbaijan||Azerbaijani;Azerbaijanis;Azeri;Azeris|Baku
BDI|Burundi||Burundian;Burundians|Gitega
BEL|Belgium||Belgian;Belgians|Brussels
BEN|Benin||Beninese|Porto-Novo
BES|Caribbean Netherlands|Bonaire||Kralendijk
BFA|Burkina Faso|Burkina|Burkinabe;Burkinabè|Ouagadougou
BGD|Bangladesh||Bangladeshi;Bangladeshis|Dhaka
BGR|Bulgaria||Bulgarian;Bulgarians|Sofia
BHR|Bahrain||Bahraini;Bahrainis|Manama
BHS|Bahamas|The Bahamas|Bahamian;Bahamians|Nassau
BIH|Bosnia and Herzegovina|Bosnia;Bosnia-Herzegovina;BiH|Bosnian;Bosnians|Sarajevo
BLM|Saint Barthélemy|Saint Barthelemy;St. Barts;St Barts||Gustavia
BLR|Belarus|Byelorussia;Belorussia|Belarusian;Belarusians;Belarussian|Minsk
BLZ|Belize||Belizean;Belizeans|Belmopan
BMU|Bermuda||Bermudian;Bermudians|
BOL|Bolivia||Bolivian;Bolivians|La Paz
BRA|Brazil||Brazilian;Brazilians|Brasilia
BRB|Barbados||Barbadian;Barbadians;Bajan;Bajans|Bridgetown
BRN|Brunei|Brunei Darussalam|Bruneian;Bruneians|Bandar Seri Begawan
BTN|Bhutan||Bhutanese|Thimphu
BVT|Bouvet Island|||
BWA|Botswana||Motswana;Batswana|Gaborone
CAF|Central African Republic||Central African;Central Africans|Bangui
CAN|Canada||Canadian;Canadians|Ottawa
CCK|Cocos (Keeling) Islands|Cocos Islands;Keeling Islands||
CHE|Switzerland||Swiss|Bern
CHL|Chile||Chilean;Chileans|Santiago
CHN|China|PRC;P.R.C.;Mainland China|Chinese|Beijing
CIV|Ivory Coast|Cote d'Ivoire|Ivorian;Ivorians|Yamoussoukro
CMR|Cameroon||Cameroonian;Cameroonians|Yaounde
COD|Democratic Republic of the Congo|Democratic Republic of Congo;Congo;DR Congo;D.R. Congo;DRC;DR of Congo;Congo-Kinshasa;Zaire|Congolese|Kinshasa
COG|Republic of the Congo|Congo-Brazzaville;Congo Republic||Brazzaville
COK|Cook Islands||Cook Islander;Cook Islanders|Avarua
COL|Colombia||Colombian;Colombians|Bogota
COM|Comoros||Comorian;Comorians|Moroni
CPV|Cape Verde|Cabo Verde|Cape Verdean;Cape Verdeans|Praia
CRI|Costa Rica||Costa Rican;Costa Ricans|San Jose
CUB|Cuba||Cuban;Cubans|Havana
CUW|Curaçao|Curacao|Curaçaoan;Curacaoan|Willemstad
CXR|Christmas Island|||Flying Fish Cove
CYM|Cayman Islands|Caymans|Caymanian;Caymanians|George Town
CYP|Cyprus||Cypriot;Cypriots|Nicosia
CZE|Czech Republic|Czechia|Czech;Czechs|Prague
DEU|Germany||German;Germans|Berlin
DJI|Djibouti||Djiboutian;Djiboutians|Djibouti City
DMA|Dominica|||Roseau
DNK|Denmark||Danish;Dane;Danes|Copenhagen
DOM|Dominican Republic||Dominican;Dominicans|Santo Domingo
DZA|Algeria||Algerian;Algerians|Algiers
ECU|Ecuador||Ecuadorian;Ecuadorians;Ecuadorean;Ecuadoreans|Quito
EGY|Egypt||Egyptian;Egyptians|Cairo
ERI|Eritrea||Eritrean;Eritreans|Asmara
ESH|Western Sahara|Sahrawi Arab Democratic Republic|Sahrawi;Sahrawis;Saharawi;Saharawis|Laayoune
ESP|Spain||Spanish;Spaniard;Spaniards|Madrid
EST|Estonia||Estonian;Estonians|Tallinn
ETH|Ethiopia||Ethiopian;Ethiopians|Addis Ababa
FIN|Finland||Finnish;Finn;Finns|Helsinki
FJI|Fiji||Fijian;Fijians|Suva
FLK|Falkland Islands|Falklands;Malvinas;Islas Malvinas|Falkland Islander;Falkland Islanders|
FRA|France||French;Frenchman;Frenchmen;Frenchwoman;Frenchwomen|Paris
FRO|Faroe Islands|Faroes;Faeroe Islands|Faroese|Torshavn
FSM|Micronesia|Federated States of Micronesia|Micronesian;Micronesians|Palikir
GAB|Gabon||Gabonese|Libreville
GBR|United Kingdom|UK;U.K.;Britain;Great Britain|British;Briton;Britons;Brit;Brits|London
GEO|Georgia||Georgian;Georgians|Tbilisi
GGY|Guernsey|||St Peter Port
GHA|Ghana||Ghanaian;Ghanaians|Accra
GIB|Gibraltar||Gibraltarian;Gibraltarians|
GIN|Guinea|Guinea-Conakry|Guinean;Guineans|Conakry
GLP|Guadeloupe||Guadeloupean;Guadeloupeans|Basse-Terre
GMB|Gambia|The Gambia|Gambian;Gambians|Banjul
GNB|Guinea-Bissau||Bissau-Guinean;Bissau-Guineans|Bissau
GNQ|Equatorial Guinea||Equatorial Guinean;Equatorial Guineans;Equatoguinean;Equatoguineans|Malabo
GRC|Greece|Hellas|Greek;Greeks|Athens
GRD|Grenada||Grenadian;Grenadians|St. George's
GRL|Greenland||Greenlander;Greenlanders;Greenlandic|Nuuk
GTM|Guatemala||Guatemalan;Guatemalans|Guatemala City
GUF|French Guiana||French Guianese|Cayenne
GUM|Guam||Guamanian;Guamanians|Hagatna
GUY|Guyana||Guyanese|Georgetown
HKG|Hong Kong|Hong Kong SAR|Hongkonger;Hongkongers;Hong Konger;Hong Kongers|
HMD|Heard Island and McDonald Islands|||
HND|Honduras||Honduran;Hondurans|Tegucigalpa
HRV|Croatia||Croatian;Croatians;Croat;Croats|Zagreb
HTI|Haiti||Haitian;Haitians|Port-au-Prince
HUN|Hungary||Hungarian;Hungarians|Budapest
IDN|Indonesia||Indonesian;Indonesians|Jakarta
IMN|Isle of Man||Manx|
IND|India|Bharat|Indian;Indians|New Delhi
IOT|British Indian Ocean Territory|Chagos Islands;Chagos Archipelago||
IRL|Ireland|Republic of Ireland;Eire|Irish|Dublin
IRN|Iran||Iranian;Iranians|Tehran
IRQ|Iraq||Iraqi;Iraqis|Baghdad
ISL|Iceland||Icelandic;Icelander;Icelanders|Reykjavik
ISR|Israel||Israeli;Israelis|Jerusalem
ITA|Italy||Italian;Italians|Rome
JAM|Jamaica||Jamaican;Jamaicans|Kingston
JEY|Jersey|Bailiwick of Jersey||St Helier
JOR|Jordan||Jordanian;Jordanians|Amman
JPN|Japan||Japanese|Tokyo
KAZ|Kazakhstan||Kazakh;Kazakhs;Kazakhstani;Kazakhstanis|Astana
KEN|Kenya||Kenyan;Kenyans|Nairobi
KGZ|Kyrgyzstan|Kirghizia|Kyrgyz;Kyrgyzstani;Kyrgyzstanis|Bishkek
KHM|Cambodia|Kampuchea|Cambodian;Cambodians|Phnom Penh
KIR|Kiribati||I-Kiribati|Tarawa
KNA|Saint Kitts and Nevis|St. Kitts and Nevis;St Kitts and Nevis;Federation of Saint Kitts and Nevis|Kittitian;Kittitians;Nevisian;Nevisians|Basseterre
KOR|South Korea|Republic of Korea;ROK;S. Korea|South Korean;South Koreans|Seoul
KSV|Kosovo|Republic of Kosovo|Kosovar;Kosovars;Kosovan;Kosovans|Pristina
KWT|Kuwait||Kuwaiti;Kuwaitis|Kuwait City
LAO|Laos|Lao PDR|Lao;Laotian;Laotians|Vientiane
LBN|Lebanon||Lebanese|Beirut
LBR|Liberia||Liberian;Liberians|Monrovia
LBY|Libya|State of Libya|Libyan;Libyans|Tripoli
LCA|Saint Lucia|St. Lucia;St Lucia|Saint Lucian;Saint Lucians;St. Lucian;St. Lucians|Castries
LIE|Liechtenstein||Liechtensteiner;Liechtensteiners|Vaduz
LKA|Sri Lanka||Sri Lankan;Sri Lankans|Colombo
LSO|Lesotho||Basotho;Mosotho|Maseru
LTU|Lithuania||Lithuanian;Lithuanians|Vilnius
LUX|Luxembourg||Luxembourger;Luxembourgers;Luxembourgish|Luxembourg City
LVA|Latvia||Latvian;Latvians|Riga
MAC|Macao|Macau|Macanese|
MAF|Saint Martin|St. Martin;Collectivity of Saint Martin||Marigot
MAR|Morocco||Moroccan;Moroccans|Rabat
MCO|Monaco||Monegasque;Monegasques|
MDA|Moldova||Moldovan;Moldovans|Chisinau
MDG|Madagascar||Malagasy|Antananarivo
MDV|Maldives||Maldivian;Maldivians|Malé
MEX|Mexico||Mexican;Mexicans|Mexico City
MHL|Marshall Islands||Marshallese|Majuro
MKD|North Macedonia|Macedonia;FYROM;Former Yugoslav Republic of Macedonia|North Macedonian;North Macedonians;Macedonian;Macedonians|Skopje
MLI|Mali||Malian;Malians|Bamako
MLT|Malta||Maltese|Valletta
MMR|Myanmar|Burma|Burmese|Naypyidaw
MNE|Montenegro||Montenegrin;Montenegrins|Podgorica
MNG|Mongolia||Mongolian;Mongolians|Ulaanbaatar
MNP|Northern Mariana Islands|Northern Marianas||Saipan
MOZ|Mozambique||Mozambican;Mozambicans|Maputo
MRT|Mauritania||Mauritanian;Mauritanians|Nouakchott
MSR|Montserrat||Montserratian;Montserratians|
MTQ|Martinique||Martinican;Martinicans|Fort-de-France
MUS|Mauritius||Mauritian;Mauritians|Port Louis
MWI|Malawi||Malawian;Malawians|Lilongwe
MYS|Malaysia||Malaysian;Malaysians|Kuala Lumpur
MYT|Mayotte||Mahoran;Mahorans|Mamoudzou
NAM|Namibia||Namibian;Namibians|Windhoek
NCL|New Caledonia||New Caledonian;New Caledonians|Noumea
NER|Niger||Nigerien;Nigeriens|Niamey
NFK|Norfolk Island||Norfolk Islander;Norfolk Islanders|
NGA|Nigeria||Nigerian;Nigerians|Abuja
NIC|Nicaragua||Nicaraguan;Nicaraguans|Managua
NIU|Niue||Niuean;Niueans|Alofi
NLD|Netherlands|The Netherlands;Holland|Dutch;Dutchman;Dutchmen|Amsterdam
NOR|Norway||Norwegian;Norwegians|Oslo
NPL|Nepal||Nepali;Nepalis;Nepalese|Kathmandu
NRU|Nauru||Nauruan;Nauruans|Yaren
NZL|New Zealand|Aotearoa|New Zealander;New Zealanders|Wellington
OMN|Oman||Omani;Omanis|Muscat
PAK|Pakistan||Pakistani;Pakistanis|Islamabad
PAN|Panama||Panamanian;Panamanians|Panama City
PCN|Pitcairn Islands|Pitcairn|Pitcairn Islander;Pitcairn Islanders|Adamstown
PER|Peru||Peruvian;Peruvians|Lima
PHL|Philippines|The Philippines|Philippine;Filipino;Filipinos;Filipina;Filipinas|Manila
PLW|Palau||Palauan;Palauans|Ngerulmud
PNG|Papua New Guinea|PNG|Papua New Guinean;Papua New Guineans|Port Moresby
POL|Poland||Polish;Poles|Warsaw
PRI|Puerto Rico||Puerto Rican;Puerto Ricans|San Juan
PRK|North Korea|DPRK;D.P.R.K.;N. Korea|North Korean;North Koreans|Pyongyang
PRT|Portugal||Portuguese|Lisbon
PRY|Paraguay||Paraguayan;Paraguayans|Asuncion
PSE|Palestine|Palestinian territories;Occupied Palestinian Territories;Occupied Palestinian Territory|Palestinian;Palestinians|Ramallah
PYF|French Polynesia||French Polynesian;French Polynesians|Papeete
QAT|Qatar||Qatari;Qataris|Doha
REU|Réunion|Reunion;La Réunion|Réunionese;Reunionese|Saint-Denis
ROU|Romania|Rumania|Romanian;Romanians|Bucharest
RUS|Russia||Russian;Russians|Moscow
RWA|Rwanda||Rwandan;Rwandans|Kigali
SAU|Saudi Arabia|KSA|Saudi;Saudis;Saudi Arabian;Saudi Arabians|Riyadh
SDN|Sudan||Sudanese|Khartoum
SEN|Senegal||Senegalese|Dakar
SGP|Singapore||Singaporean;Singaporeans|
SGS|South Georgia and the South Sandwich Islands|South Georgia||King Edward Point
SHN|Saint Helena|St Helena;St. Helena;Ascension Island;Tristan da Cunha|Saint Helenian;Saint Helenians|Jamestown
SJM|Svalbard and Jan Mayen|Svalbard||Longyearbyen
SLB|Solomon Islands|Solomons|Solomon Islander;Solomon Islanders|Honiara
SLE|Sierra Leone||Sierra Leonean;Sierra Leoneans|Freetown
SLV|El Salvador||Salvadoran;Salvadorans;Salvadorean;Salvadoreans|San Salvador
SMR|San Marino||Sammarinese|
SOM|Somalia||Somali;Somalis|Mogadishu
SPM|Saint Pierre and Miquelon|St. Pierre and Miquelon||Saint-Pierre
SRB|Serbia||Serbian;Serbians;Serb;Serbs|Belgrade
SSD|South Sudan||South Sudanese|Juba
STP|Sao Tome and Principe|São Tomé and Príncipe|Santomean;Santomeans|Sao Tome
SUR|Suriname|Surinam|Surinamese|Paramaribo
SVK|Slovakia||Slovak;Slovaks;Slovakian;Slovakians|Bratislava
SVN|Slovenia||Slovenian;Slovenians;Slovene;Slovenes|Ljubljana
SWE|Sweden||Swedish;Swede;Swedes|Stockholm
SWZ|Eswatini|Swaziland|Swazi;Swazis|Mbabane
SXM|Sint Maarten|||Philipsburg
SYC|Seychelles||Seychellois|
SYR|Syria||Syrian;Syrians|Damascus
TCA|Turks and Caicos Islands|Turks and Caicos||Cockburn Town
TCD|Chad||Chadian;Chadians|N'Djamena
TGO|Togo||Togolese|Lome
THA|Thailand||Thai;Thais|Bangkok
TJK|Tajikistan||Tajik;Tajiks;Tajikistani;Tajikistanis|Dushanbe
TKL|Tokelau||Tokelauan;Tokelauans|
TKM|Turkmenistan||Turkmen;Turkmenistani;Turkmenistanis|Ashgabat
TLS|East Timor|Timor Leste|Timorese;East Timorese|Dili
TON|Tonga||Tongan;Tongans|Nuku'alofa
TTO|Trinidad and Tobago||Trinidadian;Trinidadians;Tobagonian;Tobagonians|Port of Spain
TUN|Tunisia||Tunisian;Tunisians|Tunis
TUR|Turkey|Turkiye;Republic of Turkey|Turkish;Turk;Turks|Ankara
TUV|Tuvalu||Tuvaluan;Tuvaluans|Funafuti
TWN|Taiwan|Republic of China;ROC;Chinese Taipei|Taiwanese|Taipei
TZA|Tanzania||Tanzanian;Tanzanians|Dodoma
UGA|Uganda||Ugandan;Ugandans|Kampala
UKR|Ukraine||Ukrainian;Ukrainians|Kyiv
UMI|United States Minor Outlying Islands|||
URY|Uruguay||Uruguayan;Uruguayans|Montevideo
USA|United States|U.S.;US;USA;U.S.A.;America|American;Americans|Washington
UZB|Uzbekistan||Uzbek;Uzbeks;Uzbekistani;Uzbekistanis|Tashkent
VAT|Vatican City|Holy See;Vatican||
VCT|Saint Vincent and the Grenadines|St. Vincent and the Grenadines;St Vincent and the Grenadines;Saint Vincent|Vincentian;Vincentians|Kingstown
VEN|Venezuela||Venezuelan;Venezuelans|Caracas
VGB|British Virgin Islands|||Road Town
VIR|U.S. Virgin Islands|US Virgin Islands;United States Virgin Islands||Charlotte Amalie
VNM|Vietnam||Vietnamese|Hanoi
VUT|Vanuatu||Ni-Vanuatu|Port Vila
WLF|Wallis and Futuna||Wallisian;Wallisians;Futunan;Futunans|Mata-Utu
WSM|Samoa|Western Samoa|Samoan;Samoans|Apia
YEM|Yemen||Yemeni;Yemenis|Sanaa
ZAF|South Africa||South African;South Africans|Pretoria
ZMB|Zambia||Zambian;Zambians|Lusaka
ZWE|Zimbabwe||Zimbabwean;Zimbabweans|Harare
CSK|Czechoslovakia||Czechoslovak;Czechoslovaks|
DDR|East Germany|German Democratic Republic;GDR|East German;East Germans|
SUN|Soviet Union|USSR;U.S.S.R.;Union of Soviet Socialist Republics|Soviet;Soviets|
YUG|Yugoslavia|Socialist Federal Republic of Yugoslavia;Federal Republic of Yugoslavia|Yugoslav;Yugoslavs|
"""

HEADER = [
    "# code\tname\taliases\tdemonyms\tcapital",
    "# Source: ISO 3166-1 codes and names from Debian iso-codes (LGPL-2.1+); CAMEO codes checked",
    "# against PETRARCH2 Phoenix.Countries.actors.txt (MIT); other columns hand-kept in",
    "# tools/gen_countries.py.  Generated file: edit the script, then rerun it.",
]


def split(s):
    return [x.strip() for x in s.split(";") if x.strip()]


def strip_the(s):
    return s[4:] if s.startswith("the ") else s


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--iso", default=ISO_JSON)
    ap.add_argument("--out", default=None, help="default: data/actors/countries.tsv beside tools/")
    a = ap.parse_args(argv)
    if a.out is None:
        import os
        a.out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "actors",
                             "countries.tsv")
        a.out = os.path.normpath(a.out)

    with open(a.iso, encoding="utf-8") as f:
        iso = {c["alpha_3"]: c for c in json.load(f)["3166-1"]}

    rows = {}
    for line in TABLE.splitlines():
        if not line.strip():
            continue
        code, name, aliases, demonyms, capital = line.split("|")
        if ";" in capital:
            sys.exit(f"gen_countries: {code}: capital must be one name, got '{capital}'")
        rows[code] = (name, split(aliases), split(demonyms), split(capital))

    missing = sorted(set(iso) - set(rows))
    if missing:
        sys.exit("gen_countries: no table row for ISO codes: " + " ".join(missing))

    out = []
    seen = {}
    for code, (name, aliases, demonyms, capital) in rows.items():
        cameo = ISO_TO_CAMEO.get(code, code)
        names = list(aliases)
        if code in iso:
            c = iso[code]
            for k in ("name", "common_name", "official_name"):
                if k in c:
                    n = strip_the(c[k])
                    if n not in DROP_ISO_ALIASES.get(code, ()):
                        names.append(n)
        # dedupe, keep order, drop the primary name
        uniq = []
        for n in names:
            if n != name and n not in uniq:
                uniq.append(n)
        for n in [name] + uniq + demonyms:
            key = n.lower()
            if key in seen and seen[key] != cameo:
                sys.exit(f"gen_countries: '{n}' used by both {seen[key]} and {cameo}")
            seen[key] = cameo
        out.append((cameo, name, ";".join(uniq), ";".join(demonyms), ";".join(capital)))

    out.sort()
    with open(a.out, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(HEADER) + "\n")
        for r in out:
            f.write("\t".join(r) + "\n")
    print(f"gen_countries: wrote {len(out)} rows to {a.out}")


if __name__ == "__main__":
    main(sys.argv[1:])
