namespace SecretBroker.Sidecar.Conversion;

/// <content>One annotation at a time: mapped to a setting, refused with a reason, or ignored (the table).</content>
internal sealed partial class VaultAnnotationConverter
{
    private void Classify(PodAnnotation annotation)
    {
        string name = Name(annotation);
        switch (name)
        {
            case "agent-inject":
                return;
            case "role":
                _result.Role = NonEmpty(annotation);
                return;
            case "auth-type":
                ReadAuthType(annotation);
                return;
            case "auth-path":
                ReadAuthPath(annotation);
                return;
            case "auth-config-path" or "auth-config-token-path" or "auth-config-token_path":
                // Vault Agent's jwt method reads its JWT from `path`, the kubernetes method from `token_path`.
                _result.TokenFile = AbsolutePath(annotation);
                return;
            case "namespace":
                _result.Namespace = NonEmpty(annotation);
                return;
            case "service":
                ReadAddress(annotation);
                return;
            case "ca-cert":
                _result.CaFile = AbsolutePath(annotation);
                return;
            case "tls-secret":
                _result.TlsSecret = NonEmpty(annotation);
                return;
            case "tls-skip-verify":
                if (Bool(annotation) is true)
                {
                    Error(annotation, ConvertMessages.TlsSkipVerify);
                }

                return;
            case "secret-volume-path":
                _result.Dir = AbsolutePath(annotation) ?? _result.Dir;
                return;
            case "agent-pre-populate-only":
                _result.PrePopulateOnly = Bool(annotation) is true;
                return;
            case "agent-revoke-on-shutdown":
                _result.RevokeOnShutdown = Bool(annotation) is true;
                return;
            case "client-timeout":
                ReadTimeout(annotation);
                return;
            case "preserve-secret-case":
                _preserveAllCase = Bool(annotation) is true;
                return;
            case "proxy-address" when annotation.Value.Length == 0:
                // The injector writes it empty into every pod it mutates.
                _result.Ignored.Add($"{annotation.Key}: empty (no proxy)");
                return;
            case "agent-inject-token":
                Error(annotation, ConvertMessages.InjectToken);
                return;
            case "agent-configmap":
                Error(annotation, ConvertMessages.ConfigMap);
                return;
        }

        if (name.StartsWith("agent-inject-template-", StringComparison.Ordinal))
        {
            // Also agent-inject-template-file-<name>.
            Error(annotation, ConvertMessages.Template);
        }
        else if (name.StartsWith("agent-inject-command-", StringComparison.Ordinal))
        {
            Error(annotation, ConvertMessages.Command);
        }
        else if (name.StartsWith("auth-config-", StringComparison.Ordinal))
        {
            Error(annotation, ConvertMessages.AuthConfig);
        }
        else if (TrySuffix(name, "agent-inject-secret-", out string raw))
        {
            _secrets.Add((raw, annotation));
        }
        else if (TrySuffix(name, "agent-inject-file-", out raw))
        {
            _files[raw] = annotation;
        }
        else if (TrySuffix(name, "agent-inject-perms-", out raw))
        {
            _perms[raw] = annotation;
        }
        else if (TrySuffix(name, "secret-volume-path-", out raw))
        {
            _dirs[raw] = annotation;
        }
        else if (TrySuffix(name, "preserve-secret-case-", out raw))
        {
            _preserveCase[raw] = Bool(annotation) is true;
        }
        else if (VaultAnnotationTable.IgnoredBecause(name) is { } why)
        {
            _result.Ignored.Add($"{annotation.Key}: {why}");
        }
        else
        {
            Error(annotation, ConvertMessages.Unsupported);
        }
    }

    private static bool TrySuffix(string name, string prefix, out string raw)
    {
        raw = name.StartsWith(prefix, StringComparison.Ordinal) ? name[prefix.Length..] : string.Empty;
        return raw.Length > 0;
    }

    private void ReadAuthType(PodAnnotation annotation)
    {
        if (NonEmpty(annotation) is not { } type)
        {
            return;
        }

        if (type is "kubernetes" or "jwt")
        {
            _result.Method = type;
        }
        else
        {
            Error(annotation, ConvertMessages.UnknownAuthType(type));
        }
    }

    // auth/k8s-prod → k8s-prod: our mount is the path under auth/ (Vault Agent's mount_path includes the auth/).
    private void ReadAuthPath(PodAnnotation annotation)
    {
        if (NonEmpty(annotation) is not { } path)
        {
            return;
        }

        string mount = path.Trim('/');
        if (mount.StartsWith("auth/", StringComparison.Ordinal))
        {
            mount = mount["auth/".Length..];
        }

        if (mount.Length == 0 || mount.Split('/').Any(segment => segment is "" or "." or ".."))
        {
            Error(annotation, ConvertMessages.InvalidAuthPath(path));
            return;
        }

        _result.Mount = mount;
    }

    // https, or http only to loopback: the Vault backend's own rule, so the output validates.
    private void ReadAddress(PodAnnotation annotation)
    {
        if (NonEmpty(annotation) is not { } address)
        {
            return;
        }

        bool ok = Uri.TryCreate(address, UriKind.Absolute, out Uri? uri)
            && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment)
            && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));
        if (ok)
        {
            _result.Address = address.TrimEnd('/');
        }
        else
        {
            Error(annotation, ConvertMessages.NotHttpsAddress(address));
        }
    }

    private void ReadTimeout(PodAnnotation annotation)
    {
        if (NonEmpty(annotation) is not { } text)
        {
            return;
        }

        // Vault's client reads a bare number as seconds (VAULT_CLIENT_TIMEOUT=60).
        TimeSpan timeout = int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int seconds)
            ? TimeSpan.FromSeconds(seconds)
            : DurationText.TryParse(text, out TimeSpan parsed) ? parsed : TimeSpan.Zero;
        if (timeout > TimeSpan.Zero)
        {
            _result.RequestTimeout = DurationText.Format(timeout);
        }
        else
        {
            Error(annotation, ConvertMessages.InvalidTimeout(text));
        }
    }
}
