"""imsmanifest.xml: what a learning system reads to import a SCORM 1.2 package.

One organization with one item, backed by one SCO (the launch page) that lists
every file of the package, as the IMS Content Packaging 1.1.2 and ADL SCORM 1.2
rules ask. The identifiers are fixed words, unique within the manifest; the
manifest's own identifier names the course, version and languages, so a
learning system recognises a re-upload of the same package.
"""

from __future__ import annotations

from xml.etree import ElementTree

from ..courses.published import PublishedVersion

IMSCP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATIONS = (
    f"{IMSCP} imscp_rootv1p1p2.xsd "
    "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd "
    f"{ADLCP} adlcp_rootv1p2.xsd"
)
ORGANIZATION_ID = "signaal-organization"
ITEM_ID = "signaal-item"
RESOURCE_ID = "signaal-sco"


def manifest_identifier(version: PublishedVersion, languages: tuple[str, ...]) -> str:
    """An xs:ID for the package: letters, digits and hyphens, starting with a letter."""
    return "-".join(("signaal", version.course_id, f"v{version.number}", *languages)).replace("_", "-")


def manifest_xml(version: PublishedVersion, languages: tuple[str, ...], launch: str, files: list[str]) -> bytes:
    """The manifest for a package whose SCO starts at `launch` and consists of `files` (sorted)."""
    ElementTree.register_namespace("", IMSCP)
    ElementTree.register_namespace("adlcp", ADLCP)
    ElementTree.register_namespace("xsi", XSI)
    manifest = ElementTree.Element(
        f"{{{IMSCP}}}manifest",
        {"identifier": manifest_identifier(version, languages), "version": str(version.number), f"{{{XSI}}}schemaLocation": SCHEMA_LOCATIONS},
    )
    metadata = _child(manifest, "metadata")
    _child(metadata, "schema", "ADL SCORM")
    _child(metadata, "schemaversion", "1.2")

    organizations = _child(manifest, "organizations", default=ORGANIZATION_ID)
    organization = _child(organizations, "organization", identifier=ORGANIZATION_ID)
    title = version.text_in(languages[0]).title if len(languages) == 1 else version.title
    _child(organization, "title", title)
    item = _child(organization, "item", identifier=ITEM_ID, identifierref=RESOURCE_ID, isvisible="true")
    _child(item, "title", title)

    resources = _child(manifest, "resources")
    resource = _child(resources, "resource", identifier=RESOURCE_ID, type="webcontent", href=launch)
    resource.set(f"{{{ADLCP}}}scormtype", "sco")
    for path in files:
        _child(resource, "file", href=path)

    ElementTree.indent(manifest)
    return ElementTree.tostring(manifest, encoding="utf-8", xml_declaration=True) + b"\n"


def _child(parent: ElementTree.Element, tag: str, text: str | None = None, **attributes: str) -> ElementTree.Element:
    element = ElementTree.SubElement(parent, f"{{{IMSCP}}}{tag}", attributes)
    element.text = text
    return element
