using System.Globalization;
using System.Text;
using System.Xml;

namespace SecretBroker.Emulators.S3;

/// <summary>The XML bodies the emulator answers: <c>ListBucketResult</c> (ListObjectsV2) and <c>Error</c>.</summary>
internal static class S3Xml
{
    private const string Namespace = "http://s3.amazonaws.com/doc/2006-03-01/";

    public static string Error(S3Error error, string requestId) => Write(w =>
    {
        w.WriteStartElement("Error");
        w.WriteElementString("Code", error.Code);
        w.WriteElementString("Message", error.Message);
        if (error.Key is not null)
        {
            w.WriteElementString("Key", error.Key);
        }

        if (error.BucketName is not null)
        {
            w.WriteElementString("BucketName", error.BucketName);
        }

        w.WriteElementString("RequestId", requestId);
        w.WriteEndElement();
    });

    public static string ListV2(ListPage page) => Write(w =>
    {
        w.WriteStartElement("ListBucketResult", Namespace);
        w.WriteElementString("Name", page.Bucket);
        w.WriteElementString("Prefix", Encode(page.Prefix, page.UrlEncode));
        if (page.Delimiter is not null)
        {
            w.WriteElementString("Delimiter", Encode(page.Delimiter, page.UrlEncode));
        }

        if (page.StartAfter is not null)
        {
            w.WriteElementString("StartAfter", Encode(page.StartAfter, page.UrlEncode));
        }

        if (page.UrlEncode)
        {
            w.WriteElementString("EncodingType", "url");
        }

        w.WriteElementString("KeyCount", (page.Contents.Count + page.CommonPrefixes.Count).ToString(CultureInfo.InvariantCulture));
        w.WriteElementString("MaxKeys", page.MaxKeys.ToString(CultureInfo.InvariantCulture));
        w.WriteElementString("IsTruncated", page.NextContinuationToken is null ? "false" : "true");
        if (page.ContinuationToken is not null)
        {
            w.WriteElementString("ContinuationToken", page.ContinuationToken);
        }

        if (page.NextContinuationToken is not null)
        {
            w.WriteElementString("NextContinuationToken", page.NextContinuationToken);
        }

        foreach (StoredObject o in page.Contents)
        {
            w.WriteStartElement("Contents");
            w.WriteElementString("Key", Encode(o.Key, page.UrlEncode));
            w.WriteElementString("LastModified", o.LastModified.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            w.WriteElementString("ETag", o.ETag);
            w.WriteElementString("Size", o.Content.Length.ToString(CultureInfo.InvariantCulture));
            w.WriteElementString("StorageClass", "STANDARD");
            w.WriteEndElement();
        }

        foreach (string prefix in page.CommonPrefixes)
        {
            w.WriteStartElement("CommonPrefixes");
            w.WriteElementString("Prefix", Encode(prefix, page.UrlEncode));
            w.WriteEndElement();
        }

        w.WriteEndElement();
    });

    // encoding-type=url: keys percent-encoded as S3 does (botocore decodes them).
    private static string Encode(string text, bool urlEncode) => urlEncode ? Uri.EscapeDataString(text) : text;

    private static string Write(Action<XmlWriter> body)
    {
        StringBuilder text = new();
        using (XmlWriter writer = XmlWriter.Create(text, new XmlWriterSettings { Encoding = new UTF8Encoding(false), OmitXmlDeclaration = false }))
        {
            body(writer);
        }

        // XmlWriter over a StringBuilder declares utf-16; the wire is UTF-8.
        return text.ToString().Replace("encoding=\"utf-16\"", "encoding=\"UTF-8\"", StringComparison.Ordinal);
    }
}

/// <summary>One page of a ListObjectsV2 answer.</summary>
internal sealed record ListPage(
    string Bucket,
    string Prefix,
    string? Delimiter,
    string? StartAfter,
    int MaxKeys,
    bool UrlEncode,
    string? ContinuationToken,
    string? NextContinuationToken,
    IReadOnlyList<StoredObject> Contents,
    IReadOnlyList<string> CommonPrefixes);
