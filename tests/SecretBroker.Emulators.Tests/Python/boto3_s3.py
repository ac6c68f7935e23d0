"""boto3 against the S3 emulator: paginated ListObjectsV2 (prefix, delimiter), GetObject (whole and ranged),
HeadObject, a missing key, and s3transfer's download_file. Credentials come from the environment (IRSA, or static
keys for the negative cases). Prints JSON; an S3 error is reported as {"error": code}."""
import json
import os
import sys
import tempfile

try:
    import boto3
    from botocore.config import Config
    from botocore.exceptions import ClientError
except ImportError as e:  # fail loudly
    sys.exit(f"boto3 is required for this test: {e}")

bucket = os.environ["SB_BUCKET"]
s3 = boto3.session.Session().client("s3", config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}))


def error_of(call):
    try:
        call()
        return None
    except ClientError as e:
        return e.response["Error"]["Code"]


if os.environ.get("SB_MODE") == "denied":
    print(json.dumps({"error": error_of(lambda: s3.list_objects_v2(Bucket=bucket))}))
    sys.exit(0)

pages = list(s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix="models/", PaginationConfig={"PageSize": 2}))
listed = [o["Key"] for p in pages for o in p.get("Contents", [])]
top = s3.list_objects_v2(Bucket=bucket, Delimiter="/")
got = s3.get_object(Bucket=bucket, Key="models/llama/config.json")
ranged = s3.get_object(Bucket=bucket, Key="models/llama/weights.bin", Range="bytes=2-5")
head = s3.head_object(Bucket=bucket, Key="models/llama/weights.bin")
target = os.path.join(tempfile.mkdtemp(), "weights.bin")
s3.download_file(bucket, "models/llama/weights.bin", target)
print(json.dumps({
    "pages": len(pages),
    "listed": listed,
    "topPrefixes": [p["Prefix"] for p in top.get("CommonPrefixes", [])],
    "topKeys": [o["Key"] for o in top.get("Contents", [])],
    "config": got["Body"].read().decode(),
    "configETag": got["ETag"],
    "ranged": ranged["Body"].read().hex(),
    "contentRange": ranged["ContentRange"],
    "headLength": head["ContentLength"],
    "downloaded": open(target, "rb").read().hex(),
    "missing": error_of(lambda: s3.get_object(Bucket=bucket, Key="models/nope")),
    "missingHead": error_of(lambda: s3.head_object(Bucket=bucket, Key="models/nope")),
    "noBucket": error_of(lambda: s3.list_objects_v2(Bucket="no-such-bucket")),
}))
