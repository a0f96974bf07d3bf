"""Attachments on S3-compatible object storage (django-storages), against a real S3 server: moto's server mode,
started by the test on loopback on a free port (no network, no credentials, runs everywhere)."""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys

import boto3
import pytest
from botocore.config import Config
from django.core.exceptions import ValidationError
from django.urls import reverse
from moto.server import ThreadedMotoServer
from PIL import Image

from documents import services
from documents.models import Attachment
from tests.documents import samples
from tests.factories import SiteFactory
from tests.factories.documents import make_attachment

pytestmark = pytest.mark.django_db

BUCKET = "mura-documents"
KEYS = {"access_key": "mura-test", "secret_key": "mura-test-secret"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


@pytest.fixture
def bucket(s3_endpoint):
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id=KEYS["access_key"],
        aws_secret_access_key=KEYS["secret_key"],
        config=Config(s3={"addressing_style": "path"}),
    )
    client.create_bucket(Bucket=BUCKET)
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


@pytest.fixture
def s3_storage(settings, s3_endpoint, bucket):
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_endpoint,
                "region_name": "us-east-1",
                "addressing_style": "path",
                "default_acl": None,
                "file_overwrite": False,
                "location": "mura",
                **KEYS,
            },
        },
    }
    return bucket


def keys(bucket) -> list[str]:
    return sorted(item["Key"] for item in bucket.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def test_jpeg_is_stored_in_the_bucket_without_gps_under_a_random_name(s3_storage):
    attachment = make_attachment(SiteFactory(), content=samples.jpeg_with_gps(), name="Ranger post.jpg")
    assert keys(s3_storage) == [f"mura/{attachment.file.name}"]
    assert "Ranger" not in attachment.file.name
    body = s3_storage.get_object(Bucket=BUCKET, Key=f"mura/{attachment.file.name}")["Body"].read()
    assert Image.open(io.BytesIO(body)).getexif().get_ifd(0x8825) == {}


def test_owner_downloads_from_the_bucket_and_an_official_cannot(client, s3_storage, site_manager, official):
    site = SiteFactory(managers=[site_manager])
    attachment = make_attachment(site, visibility=Attachment.Visibility.OWNERS)
    url = reverse("documents:download", kwargs={"pk": attachment.pk})
    client.force_login(official)
    assert client.get(url).status_code == 403
    client.force_login(site_manager)
    response = client.get(url)
    assert (response.status_code, b"".join(response.streaming_content)) == (200, samples.pdf())


def test_refused_file_leaves_nothing_in_the_bucket(s3_storage):
    with pytest.raises(ValidationError):
        make_attachment(SiteFactory(), content=samples.exe(), name="plan.pdf")
    assert keys(s3_storage) == []


def test_removal_deletes_the_object(s3_storage, django_capture_on_commit_callbacks):
    attachment = make_attachment(SiteFactory())
    with django_capture_on_commit_callbacks(execute=True):
        services.remove(attachment)
    assert keys(s3_storage) == []


def test_the_environment_variables_select_the_bucket(s3_endpoint, bucket, tmp_path):
    """What README documents: DOCUMENTS_S3_* in the environment, and the portal writes to that bucket."""
    env = {
        **os.environ,
        "DOCUMENTS_S3_BUCKET": BUCKET,
        "DOCUMENTS_S3_ENDPOINT_URL": s3_endpoint,
        "DOCUMENTS_S3_REGION": "us-east-1",
        "DOCUMENTS_S3_ACCESS_KEY_ID": KEYS["access_key"],
        "DOCUMENTS_S3_SECRET_ACCESS_KEY": KEYS["secret_key"],
        "DOCUMENTS_S3_PREFIX": "from-env",
        "DOCUMENTS_S3_ADDRESSING_STYLE": "path",
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "MURA_VAR_DIR": str(tmp_path),
    }
    code = (
        "import django; django.setup(); from django.core.files.base import ContentFile; "
        "from documents.storage import DocumentStorage; "
        "print(DocumentStorage().save('attachments/x.pdf', ContentFile(b'%PDF-1.4 env')))"
    )
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert keys(bucket) == ["from-env/attachments/x.pdf"]
