using SecretBroker.Sidecar.Flavors;

namespace SecretBroker.Sidecar.Configuration;

/// <summary>The <c>outputs:</c> section: files, socket and loopback HTTP.</summary>
internal sealed partial class SidecarSettingsValidator
{
    private OutputSettings? ValidateOutputs(RawSidecarConfig raw)
    {
        if (raw.Outputs is not { } outputs)
        {
            Error(raw.Line, "outputs", _reported.Contains("outputs") ? null : ConfigMessages.Required);
            return null;
        }

        RejectOutsideFlavor(outputs);
        HttpOutputSettings? http = outputs.Http is null ? null : ValidateHttp(outputs.Http);
        if (outputs.Files is null && outputs.Socket is null)
        {
            // The listener delivers no secret, so on its own the sidecar would fetch secrets for nobody.
            Error(outputs.Line, "outputs", outputs.Http is null ? ConfigMessages.NoOutputs : ConfigMessages.HttpIsNotAnOutput);
            return null;
        }

        FilesOutputSettings? files = outputs.Files is null ? null : ValidateFiles(outputs.Files);
        SocketOutputSettings? socket = outputs.Socket is null ? null : ValidateSocket(outputs.Socket);
        return (outputs.Files is not null && files is null) || (outputs.Socket is not null && socket is null) || (outputs.Http is not null && http is null)
            ? null
            : new OutputSettings(files, socket, http);
    }

    // Both listeners are Kestrel: a flavour built without it cannot serve them, so it says which flavour can.
    private void RejectOutsideFlavor(RawOutputs outputs)
    {
        if (_flavor.HasListeners)
        {
            return;
        }

        IReadOnlyList<string> having = SidecarFlavor.Having(static flavor => flavor.HasListeners);
        if (outputs.Socket is { } socket)
        {
            Error(socket.Line, "outputs.socket", FlavorMessages.NotInFlavor("the socket API", _flavor, having));
            _reported.Add("outputs.socket");
        }

        if (outputs.Http is { } http)
        {
            Error(http.Line, "outputs.http", FlavorMessages.NotInFlavor("the loopback listener", _flavor, having));
            _reported.Add("outputs.http");
        }
    }

    private FilesOutputSettings? ValidateFiles(RawFilesOutput files)
    {
        if (_reported.Contains("outputs.files"))
        {
            return null;
        }

        string? dir = RequiredText(files.Dir, files.Line, "outputs.files.dir");
        UnixFileMode fileMode = Mode(files.FileMode, DefaultFileMode, isDirectory: false);
        UnixFileMode dirMode = Mode(files.DirMode, DefaultDirectoryMode, isDirectory: true);
        int? group = Group(files.Group);
        bool requireTmpfs = Boolean(files.RequireTmpfs, defaultValue: true);
        bool allowShared = Boolean(files.AllowSharedDir, defaultValue: false);
        return dir is null ? null : new FilesOutputSettings(ResolvePath(dir), fileMode, dirMode, group, requireTmpfs) { AllowSharedDirectory = allowShared };
    }

    private HttpOutputSettings? ValidateHttp(RawHttpOutput http)
    {
        if (_reported.Contains("outputs.http"))
        {
            return null;
        }

        if (RequiredText(http.Listen, http.Line, "outputs.http.listen") is not { } text)
        {
            return null;
        }

        string? problem = ListenAddressText.Check(text, out System.Net.IPEndPoint? endpoint);
        Error(http.Listen!.Line, http.Listen.Path, problem);
        return endpoint is null ? null : new HttpOutputSettings(endpoint);
    }

    private SocketOutputSettings? ValidateSocket(RawSocketOutput socket)
    {
        if (_reported.Contains("outputs.socket"))
        {
            return null;
        }

        string? path = RequiredText(socket.Path, socket.Line, "outputs.socket.path");
        UnixFileMode mode = DefaultSocketMode;
        if (socket.Mode?.Text is { } modeText)
        {
            string? problem = UnixModeText.CheckSocket(modeText, out mode);
            Error(socket.Mode.Line, socket.Mode.Path, problem);
        }

        int? group = Group(socket.Group);
        PeerAllowList allowed = new(Ids(socket.AllowUids, ConfigMessages.NotAUserId), Ids(socket.AllowGids, ConfigMessages.NotAGroup));
        int maxConnections = Integer(socket.MaxConnections, DefaultMaxConnections, 1, MaximumMaxConnections);
        bool allowShared = Boolean(socket.AllowSharedDir, defaultValue: false);
        return path is null ? null : new SocketOutputSettings(ResolvePath(path), mode, group, allowed, maxConnections) { AllowSharedDirectory = allowShared };
    }
}
