namespace SecretBroker.Emulators.S3;

/// <summary>One object as S3 keeps it: bytes, the quoted MD5 ETag S3 gives single-part uploads, and when it was written.</summary>
public sealed record StoredObject(string Key, byte[] Content, string ETag, DateTimeOffset LastModified, string ContentType);
