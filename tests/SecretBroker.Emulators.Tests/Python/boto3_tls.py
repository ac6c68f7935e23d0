"""IRSA and Secrets Manager through boto3 over HTTPS; prints JSON: the secret read, or the error that stopped it.

The CA comes only from AWS_CA_BUNDLE (or nowhere): verification stays on, as in any real deployment.
"""
import json
import os
import sys

try:
    import boto3
    from botocore.exceptions import SSLError
except ImportError as e:  # fail loudly: the cross-check needs a client nobody here wrote
    sys.exit(f"boto3 is required for this test: {e}")

session = boto3.session.Session()
client = session.client("secretsmanager")
try:
    value = client.get_secret_value(SecretId=os.environ["SB_SECRET"])
    print(json.dumps({"secret": value["SecretString"], "method": session.get_credentials().method}))
except SSLError as e:
    print(json.dumps({"sslError": str(e)}))
