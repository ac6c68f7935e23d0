"""EKS Pod Identity through botocore's container credential provider, then get_secret_value. Prints JSON."""
import json
import os
import sys

try:
    import boto3
except ImportError as e:  # fail loudly
    sys.exit(f"boto3 is required for this test: {e}")

session = boto3.session.Session()
credentials = session.get_credentials()
frozen = credentials.get_frozen_credentials()
client = session.client("secretsmanager")
value = client.get_secret_value(SecretId=os.environ["SB_SECRET"])
print(json.dumps({
    "credentialMethod": credentials.method,
    "accessKeyId": frozen.access_key,
    "secretString": value["SecretString"],
}))
