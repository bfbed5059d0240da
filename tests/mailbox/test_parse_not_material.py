"""A signature's logo shown in the mail's text and an S/MIME signature are not materials; a photo
attached as a file still is."""

from __future__ import annotations

from email.mime.application import MIMEApplication
from email.mime.image import MIMEImage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

from tasks.mailbox.parse import parse_mail

PNG = b"\x89PNG\r\n\x1a\n" + bytes(32)


def _file(data: bytes, name: str, subtype: str = "octet-stream") -> MIMEApplication:
    part = MIMEApplication(data, subtype)
    part.add_header("Content-Disposition", "attachment", filename=("utf-8", "", name))
    return part


def _outlook_with_logo_and_signature() -> bytes:
    related = MIMEMultipart("related")
    related.attach(MIMEText('<p>材料见附件</p><img src="cid:image001.png@01DB">', "html", "utf-8"))
    logo = MIMEImage(PNG, "png")
    logo.add_header("Content-ID", "<image001.png@01DB>")
    logo.add_header("Content-Disposition", "inline", filename="image001.png")
    related.attach(logo)
    body = MIMEMultipart("mixed")
    body.attach(related)
    body.attach(_file(b"ledger", "肥西县工作台账.xlsx"))
    photo = MIMEImage(PNG, "png")
    photo.add_header("Content-Disposition", "attachment", filename="活动照片.png")
    body.attach(photo)
    signed = MIMEMultipart("signed", protocol="application/pkcs7-signature")
    signed.attach(body)
    signed.attach(_file(b"sig", "smime.p7s", "pkcs7-signature"))
    signed["From"], signed["Subject"] = "fx@feixi.cn", "5月台账"
    return signed.as_bytes()


def test_only_the_files_the_sender_attached_are_taken() -> None:
    parsed = parse_mail(_outlook_with_logo_and_signature())
    assert [a.name for a in parsed.attachments] == ["肥西县工作台账.xlsx", "活动照片.png"]


def test_an_inline_picture_without_a_content_id_is_still_a_file() -> None:
    msg = MIMEMultipart()
    picture = MIMEImage(PNG, "png")
    picture.add_header("Content-Disposition", "inline", filename="扫描件.png")
    msg.attach(picture)
    assert [a.name for a in parse_mail(msg.as_bytes()).attachments] == ["扫描件.png"]
