//! A DCAT-AP 3 description of the exported graph, for open-data portals (data.gov.be harvests
//! DCAT-AP): one `dcat:Catalog` → one `dcat:Dataset` → one `dcat:Distribution` per export format.
//!
//! Everything has a stable IRI under the base (no blank nodes): `{base}catalog`,
//! `{base}dataset`, `{base}dataset/distribution/{format}`, `{base}dataset/contact`,
//! `{base}dataset/period/{start}-{end}`; the publisher is the IRI given (default
//! `{base}id/publisher`). Publisher, licence, URLs and dates come from command-line options, a
//! small TOML or JSON file (`--config`), or defaults. Coverage is read from the store: the
//! documents' years give `dcterms:temporal`, their languages `dcterms:language`, the NUTS regions
//! they mention `dcterms:spatial` (besides Belgium).
//!
//! The result conforms to the data.gov.be DCAT-AP 3 shapes (`shapes.ttl`; tested in
//! `tests/exports.rs`).

use crate::export::{self, ExportFormat};
use crate::rdf::vocab::{
    iri, Minter, COUNTRY, DCAT, DCTERMS, FOAF, NUTS, OWL, PG, RDF, RDFS, SKOS, XSD,
};
use anyhow::{anyhow, bail, Context, Result};
use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};
use oxigraph::store::Store;
use serde::Deserialize;
use std::collections::BTreeSet;
use std::io::Write;
use std::path::PathBuf;

pub const DCATAP: &str = "http://data.europa.eu/r5r/";
pub const VCARD: &str = "http://www.w3.org/2006/vcard/ns#";
pub const ADMS: &str = "http://www.w3.org/ns/adms#";
pub const DATA_THEME: &str = "http://publications.europa.eu/resource/authority/data-theme/";
pub const FILE_TYPE: &str = "http://publications.europa.eu/resource/authority/file-type/";
pub const LANGUAGE: &str = "http://publications.europa.eu/resource/authority/language/";
pub const PUBLISHER_TYPE: &str = "http://purl.org/adms/publishertype/";
pub const IANA_MEDIA_TYPES: &str = "http://www.iana.org/assignments/media-types/";

/// Default licence: Creative Commons Attribution 4.0, as named by the EU licence authority table.
pub const DEFAULT_LICENSE: &str =
    "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0";
/// Default applicable legislation: the Open Data Directive (EU) 2019/1024, on the re-use of
/// public-sector information.
pub const OPEN_DATA_DIRECTIVE: &str = "http://data.europa.eu/eli/dir/2019/1024/oj";

/// The prefixes of the catalogue's Turtle/TriG/RDF-XML.
pub const CATALOG_PREFIXES: &[(&str, &str)] = &[
    ("dcat", DCAT),
    ("dcatap", DCATAP),
    ("dcterms", DCTERMS),
    ("foaf", FOAF),
    ("vcard", VCARD),
    ("adms", ADMS),
    ("rdf", RDF),
    ("rdfs", RDFS),
    ("skos", SKOS),
    ("owl", OWL),
    ("xsd", XSD),
    ("theme", DATA_THEME),
    ("filetype", FILE_TYPE),
    ("lang", LANGUAGE),
    ("country", COUNTRY),
    ("nuts", NUTS),
];

/// Options of `policygraph export --catalog`. Every option can also be set in the `--config`
/// file (same names with underscores, e.g. `publisher_name = "FPS BOSA"`); the command line wins.
#[derive(Debug, Clone, Default, clap::Args, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CatalogArgs {
    /// Catalogue settings from a TOML (.toml) or JSON (.json) file.
    #[arg(long = "config", value_name = "FILE")]
    #[serde(skip)]
    pub config: Option<PathBuf>,
    /// Name of the publishing organisation (foaf:name).
    #[arg(long, value_name = "NAME")]
    pub publisher_name: Option<String>,
    /// IRI of the publisher, e.g. its BelgIF IRI
    /// <https://org.belgif.be/id/CbeRegisteredEntity/0671516647> (default: {base}id/publisher).
    #[arg(long, value_name = "IRI")]
    pub publisher_uri: Option<String>,
    /// ADMS publisher type (<http://purl.org/adms/publishertype/…>), e.g. NationalAuthority,
    /// RegionalAuthority, LocalAuthority, Academia-ScientificOrganisation.
    #[arg(long, value_name = "TYPE")]
    pub publisher_type: Option<String>,
    /// Contact e-mail address of the dataset.
    #[arg(long, value_name = "ADDRESS")]
    pub contact_email: Option<String>,
    /// Licence IRI (default: the EU authority IRI of CC BY 4.0).
    #[arg(long, value_name = "IRI")]
    pub license: Option<String>,
    /// Landing page of the dataset and home page of the catalogue (default: the base IRI).
    #[arg(long, value_name = "URL")]
    pub landing_page: Option<String>,
    /// Where the exports are published: each distribution's download URL is this URL followed
    /// by `policygraph.{ttl,nt,nq,trig,rdf,jsonld}` (default: {base}export/).
    #[arg(long, value_name = "URL")]
    pub download_url: Option<String>,
    /// Date of first publication, YYYY-MM-DD (default: today).
    #[arg(long, value_name = "DATE")]
    pub issued: Option<String>,
    /// Date of last modification, YYYY-MM-DD (default: today).
    #[arg(long, value_name = "DATE")]
    pub modified: Option<String>,
    /// Applicable legislation (ELI IRI), repeatable (default: the Open Data Directive 2019/1024).
    #[arg(long = "applicable-legislation", value_name = "IRI")]
    pub applicable_legislation: Vec<String>,
}

impl CatalogArgs {
    /// The options after merging the `--config` file under the command line.
    pub fn resolved(&self) -> Result<CatalogArgs> {
        let Some(path) = &self.config else {
            return Ok(self.clone());
        };
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read catalogue config {}", path.display()))?;
        let file: CatalogArgs = if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        {
            serde_json::from_str(&text)
                .with_context(|| format!("invalid JSON in {}", path.display()))?
        } else {
            toml::from_str(&text).with_context(|| format!("invalid TOML in {}", path.display()))?
        };
        let pick = |cli: &Option<String>, f: &Option<String>| cli.clone().or_else(|| f.clone());
        Ok(CatalogArgs {
            config: None,
            publisher_name: pick(&self.publisher_name, &file.publisher_name),
            publisher_uri: pick(&self.publisher_uri, &file.publisher_uri),
            publisher_type: pick(&self.publisher_type, &file.publisher_type),
            contact_email: pick(&self.contact_email, &file.contact_email),
            license: pick(&self.license, &file.license),
            landing_page: pick(&self.landing_page, &file.landing_page),
            download_url: pick(&self.download_url, &file.download_url),
            issued: pick(&self.issued, &file.issued),
            modified: pick(&self.modified, &file.modified),
            applicable_legislation: if self.applicable_legislation.is_empty() {
                file.applicable_legislation
            } else {
                self.applicable_legislation.clone()
            },
        })
    }
}

/// What the catalogue says about the store's content.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Coverage {
    pub documents: usize,
    pub first_year: Option<i32>,
    pub last_year: Option<i32>,
    /// ISO 639-1 codes of the documents' languages.
    pub languages: BTreeSet<String>,
    /// NUTS codes of the regions the documents mention.
    pub nuts: BTreeSet<String>,
}

/// Reads the coverage from the documents' graphs.
pub fn coverage(store: &Store) -> Result<Coverage> {
    let mut c = Coverage::default();
    let rdf_type = iri(RDF, "type");
    let doc_class = iri(PG, "Document");
    let issued = iri(DCTERMS, "issued");
    let language = iri(DCTERMS, "language");
    let mentions = iri(PG, "mentions");
    let mut docs = std::collections::HashSet::new();
    for q in store.quads_for_pattern(
        None,
        Some(rdf_type.as_ref()),
        Some(doc_class.as_ref().into()),
        None,
    ) {
        docs.insert(q?.subject);
    }
    c.documents = docs.len();
    for d in &docs {
        for q in store.quads_for_pattern(Some(d.as_ref()), Some(issued.as_ref()), None, None) {
            if let Term::Literal(l) = q?.object {
                if let Ok(y) = l.value().get(..4).unwrap_or("").parse::<i32>() {
                    c.first_year = Some(c.first_year.map_or(y, |f| f.min(y)));
                    c.last_year = Some(c.last_year.map_or(y, |l| l.max(y)));
                }
            }
        }
        for q in store.quads_for_pattern(Some(d.as_ref()), Some(language.as_ref()), None, None) {
            if let Term::Literal(l) = q?.object {
                c.languages.insert(l.value().to_string());
            }
        }
        for q in store.quads_for_pattern(Some(d.as_ref()), Some(mentions.as_ref()), None, None) {
            if let Term::NamedNode(n) = q?.object {
                if let Some(code) = n.as_str().strip_prefix(NUTS) {
                    c.nuts.insert(code.to_string());
                }
            }
        }
    }
    Ok(c)
}

/// Writes the DCAT-AP catalogue of the store in `format` (Turtle is the usual choice).
pub fn write_catalog(
    store: &Store,
    args: &CatalogArgs,
    minter: &Minter,
    format: ExportFormat,
    w: &mut dyn Write,
) -> Result<()> {
    let quads = catalog_quads(&coverage(store)?, &args.resolved()?, minter)?;
    let quads = export::stable_quads(quads)?;
    export::write_quads(&quads, format, CATALOG_PREFIXES, w)
}

/// The IRI of the catalogue.
pub fn catalog_iri(minter: &Minter) -> NamedNode {
    NamedNode::new_unchecked(format!("{}catalog", minter.base))
}

/// The IRI of the dataset.
pub fn dataset_iri(minter: &Minter) -> NamedNode {
    NamedNode::new_unchecked(format!("{}dataset", minter.base))
}

fn checked_iri(what: &str, s: &str) -> Result<NamedNode> {
    NamedNode::new(s).map_err(|e| anyhow!("invalid {what} IRI {s:?}: {e}"))
}

fn checked_date(what: &str, s: &str) -> Result<Literal> {
    let b = s.as_bytes();
    let ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && (1..=12).contains(&s[5..7].parse::<u32>().unwrap_or(0))
        && (1..=31).contains(&s[8..10].parse::<u32>().unwrap_or(0));
    if !ok {
        bail!("invalid {what} date {s:?}: expected YYYY-MM-DD");
    }
    Ok(Literal::new_typed_literal(s, iri(XSD, "date")))
}

fn eu_language(code: &str) -> Option<&'static str> {
    Some(match code {
        "en" => "ENG",
        "fr" => "FRA",
        "nl" => "NLD",
        "de" => "DEU",
        _ => return None,
    })
}

fn format_spec(f: ExportFormat) -> &'static str {
    match f {
        ExportFormat::Turtle => "http://www.w3.org/ns/formats/Turtle",
        ExportFormat::Ntriples => "http://www.w3.org/ns/formats/N-Triples",
        ExportFormat::Nquads => "http://www.w3.org/ns/formats/N-Quads",
        ExportFormat::Trig => "http://www.w3.org/ns/formats/TriG",
        ExportFormat::Rdfxml => "http://www.w3.org/ns/formats/RDF_XML",
        ExportFormat::Jsonld => "http://www.w3.org/ns/formats/JSON-LD",
    }
}

fn format_label(f: ExportFormat) -> &'static str {
    match f {
        ExportFormat::Turtle => "Turtle",
        ExportFormat::Ntriples => "N-Triples",
        ExportFormat::Nquads => "N-Quads",
        ExportFormat::Trig => "TriG",
        ExportFormat::Rdfxml => "RDF/XML",
        ExportFormat::Jsonld => "JSON-LD",
    }
}

struct G(Vec<Quad>);

impl G {
    fn add(&mut self, s: &NamedNode, p: NamedNode, o: impl Into<Term>) {
        self.0
            .push(Quad::new(s.clone(), p, o, GraphName::DefaultGraph));
    }
    fn a(&mut self, s: &NamedNode, ns: &str, class: &str) {
        self.add(s, iri(RDF, "type"), iri(ns, class));
    }
    fn text(&mut self, s: &NamedNode, p: NamedNode, texts: &[(&str, &str)]) {
        for (lang, t) in texts {
            self.add(
                s,
                p.clone(),
                Literal::new_language_tagged_literal_unchecked(*t, *lang),
            );
        }
    }
}

/// The catalogue's statements (default graph).
pub fn catalog_quads(cov: &Coverage, args: &CatalogArgs, minter: &Minter) -> Result<Vec<Quad>> {
    let base = minter.base.as_str();
    let today = crate::clock::today();
    let issued = checked_date("--issued", args.issued.as_deref().unwrap_or(&today))?;
    let modified = checked_date("--modified", args.modified.as_deref().unwrap_or(&today))?;
    let license = checked_iri(
        "--license",
        args.license.as_deref().unwrap_or(DEFAULT_LICENSE),
    )?;
    let landing = checked_iri(
        "--landing-page",
        args.landing_page.as_deref().unwrap_or(base),
    )?;
    let download_base = args
        .download_url
        .clone()
        .unwrap_or_else(|| format!("{base}export/"));
    let download_base = if download_base.ends_with('/') {
        download_base
    } else {
        format!("{download_base}/")
    };
    let publisher = checked_iri(
        "--publisher-uri",
        &args
            .publisher_uri
            .clone()
            .unwrap_or_else(|| format!("{base}id/publisher")),
    )?;
    let publisher_name = args
        .publisher_name
        .clone()
        .unwrap_or_else(|| "policygraph".to_string());
    let publisher_type = args
        .publisher_type
        .clone()
        .unwrap_or_else(|| "NationalAuthority".to_string());
    let publisher_type = checked_iri(
        "--publisher-type",
        &format!("{PUBLISHER_TYPE}{publisher_type}"),
    )?;
    let legislation: Vec<NamedNode> = if args.applicable_legislation.is_empty() {
        vec![NamedNode::new_unchecked(OPEN_DATA_DIRECTIVE)]
    } else {
        args.applicable_legislation
            .iter()
            .map(|s| checked_iri("--applicable-legislation", s))
            .collect::<Result<_>>()?
    };
    let ontology = NamedNode::new_unchecked(PG.trim_end_matches('#'));

    let mut g = G(Vec::new());
    let catalog = catalog_iri(minter);
    let dataset = dataset_iri(minter);
    let contact = NamedNode::new_unchecked(format!("{base}dataset/contact"));
    let languages: Vec<NamedNode> = cov
        .languages
        .iter()
        .filter_map(|l| eu_language(l))
        .map(|c| iri(LANGUAGE, c))
        .collect();
    let mut spatial = vec![iri(COUNTRY, "BEL")];
    spatial.extend(cov.nuts.iter().map(|c| iri(NUTS, c)));

    // the publisher
    g.a(&publisher, FOAF, "Agent");
    g.add(
        &publisher,
        iri(FOAF, "name"),
        Literal::new_simple_literal(&publisher_name),
    );
    g.add(&publisher, iri(DCTERMS, "type"), publisher_type);

    // the catalogue
    g.a(&catalog, DCAT, "Catalog");
    g.text(
        &catalog,
        iri(DCTERMS, "title"),
        &[
            ("en", "policygraph — Belgian digital-policy knowledge graph"),
            (
                "fr",
                "policygraph — graphe de connaissances de la politique numérique belge",
            ),
            (
                "nl",
                "policygraph — kennisgraaf van het Belgische digitaliseringsbeleid",
            ),
        ],
    );
    g.text(&catalog, iri(DCTERMS, "description"), &[
        ("en", "Catalogue of the RDF exports of policygraph: which Belgian public bodies are responsible for which EU acts, in what role, with deadlines and the evidence sentences they were read from."),
        ("fr", "Catalogue des exports RDF de policygraph : quels organismes publics belges sont responsables de quels actes de l'UE, dans quel rôle, avec les échéances et les phrases sources."),
        ("nl", "Catalogus van de RDF-exports van policygraph: welke Belgische overheidsinstanties verantwoordelijk zijn voor welke EU-rechtshandelingen, in welke rol, met termijnen en de bronzinnen."),
    ]);
    g.add(&catalog, iri(DCTERMS, "publisher"), publisher.clone());
    g.add(&catalog, iri(DCTERMS, "issued"), issued.clone());
    g.add(&catalog, iri(DCTERMS, "modified"), modified.clone());
    g.add(&catalog, iri(DCTERMS, "license"), license.clone());
    g.add(&catalog, iri(DCTERMS, "spatial"), iri(COUNTRY, "BEL"));
    for l in ["ENG", "FRA", "NLD", "DEU"] {
        g.add(&catalog, iri(DCTERMS, "language"), iri(LANGUAGE, l));
    }
    g.add(
        &catalog,
        iri(DCAT, "themeTaxonomy"),
        NamedNode::new_unchecked(DATA_THEME.trim_end_matches('/')),
    );
    g.add(&catalog, iri(FOAF, "homepage"), landing.clone());
    g.add(&catalog, iri(DCAT, "dataset"), dataset.clone());

    // the dataset
    g.a(&dataset, DCAT, "Dataset");
    g.text(&dataset, iri(DCTERMS, "title"), &[
        ("en", "Responsibilities of Belgian public bodies for EU digital legislation"),
        ("fr", "Responsabilités des organismes publics belges pour la législation numérique de l'UE"),
        ("nl", "Verantwoordelijkheden van Belgische overheidsinstanties voor EU-digitale wetgeving"),
    ]);
    let docs = cov.documents;
    g.text(&dataset, iri(DCTERMS, "description"), &[
        ("en", &format!("Knowledge graph extracted from {docs} Belgian digital-policy document(s) (federal policy notes, parliamentary records, regional strategies, EU factsheets): public bodies (linked to their BelgIF and OVO identifiers), EU acts (ELI and CELEX), initiatives, regions (NUTS), deadlines, and which body coordinates, supervises, implements or transposes which EU act. Every fact keeps its source document, line, character offsets and quoted sentence. One named graph per document, plus a reference graph with the ontology and gazetteer.")),
        ("fr", &format!("Graphe de connaissances extrait de {docs} document(s) belge(s) de politique numérique : organismes publics (liés à leurs identifiants BelgIF et OVO), actes de l'UE (ELI et CELEX), initiatives, régions (NUTS), échéances, et quel organisme coordonne, supervise, met en œuvre ou transpose quel acte de l'UE, chaque fait avec sa phrase source.")),
        ("nl", &format!("Kennisgraaf afgeleid uit {docs} Belgisch(e) beleidsdocument(en) over digitalisering: overheidsinstanties (gekoppeld aan hun BelgIF- en OVO-identificatoren), EU-rechtshandelingen (ELI en CELEX), initiatieven, regio's (NUTS), termijnen, en welke instantie welke EU-rechtshandeling coördineert, controleert, uitvoert of omzet, elk feit met zijn bronzin.")),
    ]);
    g.add(
        &dataset,
        iri(DCTERMS, "identifier"),
        Literal::new_simple_literal(dataset.as_str()),
    );
    for (lang, kws) in [
        (
            "en",
            &[
                "digital policy",
                "EU law",
                "public administration",
                "knowledge graph",
                "Belgium",
            ][..],
        ),
        (
            "fr",
            &[
                "politique numérique",
                "droit de l'UE",
                "administration publique",
            ][..],
        ),
        ("nl", &["digitaal beleid", "EU-recht", "overheid"][..]),
    ] {
        for k in kws {
            g.add(
                &dataset,
                iri(DCAT, "keyword"),
                Literal::new_language_tagged_literal_unchecked(*k, lang),
            );
        }
    }
    for t in ["GOVE", "JUST", "TECH"] {
        g.add(&dataset, iri(DCAT, "theme"), iri(DATA_THEME, t));
    }
    for s in &spatial {
        g.add(&dataset, iri(DCTERMS, "spatial"), s.clone());
    }
    if let (Some(first), Some(last)) = (cov.first_year, cov.last_year) {
        let period = NamedNode::new_unchecked(format!("{base}dataset/period/{first}-{last}"));
        g.add(&dataset, iri(DCTERMS, "temporal"), period.clone());
        g.a(&period, DCTERMS, "PeriodOfTime");
        g.add(
            &period,
            iri(DCAT, "startDate"),
            Literal::new_typed_literal(format!("{first:04}-01-01"), iri(XSD, "date")),
        );
        g.add(
            &period,
            iri(DCAT, "endDate"),
            Literal::new_typed_literal(format!("{last:04}-12-31"), iri(XSD, "date")),
        );
    }
    for l in &languages {
        g.add(&dataset, iri(DCTERMS, "language"), l.clone());
    }
    g.add(&dataset, iri(DCTERMS, "publisher"), publisher.clone());
    g.add(&dataset, iri(DCTERMS, "issued"), issued.clone());
    g.add(&dataset, iri(DCTERMS, "modified"), modified.clone());
    g.add(&dataset, iri(DCTERMS, "conformsTo"), ontology.clone());
    g.add(
        &dataset,
        iri(DCTERMS, "accessRights"),
        iri(
            "http://publications.europa.eu/resource/authority/access-right/",
            "PUBLIC",
        ),
    );
    g.add(
        &dataset,
        iri(DCTERMS, "accrualPeriodicity"),
        iri(
            "http://publications.europa.eu/resource/authority/frequency/",
            "IRREG",
        ),
    );
    g.add(&dataset, iri(DCAT, "landingPage"), landing.clone());
    for l in &legislation {
        g.add(&dataset, iri(DCATAP, "applicableLegislation"), l.clone());
    }
    g.add(&dataset, iri(DCAT, "contactPoint"), contact.clone());
    g.a(&contact, VCARD, "Organization");
    g.add(
        &contact,
        iri(VCARD, "fn"),
        Literal::new_simple_literal(&publisher_name),
    );
    g.add(&contact, iri(VCARD, "hasURL"), landing.clone());
    if let Some(mail) = &args.contact_email {
        let mail = mail.trim_start_matches("mailto:");
        g.add(
            &contact,
            iri(VCARD, "hasEmail"),
            checked_iri("--contact-email", &format!("mailto:{mail}"))?,
        );
    }

    // one distribution per export format
    for f in ExportFormat::ALL {
        let dist = NamedNode::new_unchecked(format!("{base}dataset/distribution/{}", f.name()));
        let url = checked_iri(
            "--download-url",
            &format!("{download_base}policygraph.{}", f.extension()),
        )?;
        g.add(&dataset, iri(DCAT, "distribution"), dist.clone());
        g.a(&dist, DCAT, "Distribution");
        let label = format_label(f);
        g.text(
            &dist,
            iri(DCTERMS, "title"),
            &[("en", &format!("policygraph knowledge graph ({label})"))],
        );
        let graphs = if f.keeps_graphs() {
            "with one named graph per source document and a reference graph (ontology and gazetteer)"
        } else {
            "as the union of the documents' graphs, the ontology and the reference data"
        };
        g.text(
            &dist,
            iri(DCTERMS, "description"),
            &[(
                "en",
                &format!("The whole knowledge graph in {label}, {graphs}."),
            )],
        );
        g.add(&dist, iri(DCAT, "downloadURL"), url.clone());
        g.add(&dist, iri(DCAT, "accessURL"), url);
        g.add(
            &dist,
            iri(DCAT, "mediaType"),
            iri(IANA_MEDIA_TYPES, f.media_type()),
        );
        g.add(
            &dist,
            iri(DCTERMS, "format"),
            iri(FILE_TYPE, f.eu_file_type()),
        );
        g.add(
            &dist,
            iri(DCTERMS, "conformsTo"),
            NamedNode::new_unchecked(format_spec(f)),
        );
        g.add(&dist, iri(DCTERMS, "license"), license.clone());
        g.add(&dist, iri(DCTERMS, "issued"), issued.clone());
        g.add(&dist, iri(DCTERMS, "modified"), modified.clone());
        g.add(
            &dist,
            iri(DCATAP, "availability"),
            iri(
                "http://publications.europa.eu/resource/authority/planned-availability/",
                "STABLE",
            ),
        );
        for l in &legislation {
            g.add(&dist, iri(DCATAP, "applicableLegislation"), l.clone());
        }
    }
    Ok(g.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_today_is_a_date() {
        let t = crate::clock::today();
        assert!(checked_date("x", &t).is_ok(), "{t}");
    }

    #[test]
    fn catalog_rejects_bad_dates() {
        assert!(checked_date("x", "2024-13-01").is_err());
        assert!(checked_date("x", "2024-1-01").is_err());
        assert!(checked_date("x", "2024-02-29").is_ok());
    }
}
