namespace SecretBroker.Sidecar.Configuration;

/// <summary>The <c>outputs:</c> section: files, socket and loopback HTTP.</summary>
internal sealed partial class RawConfigReader
{
    private static readonly string[] OutputKeys = ["files", "socket", "http"];
    private static readonly string[] FilesOutputKeys = ["dir", "fileMode", "dirMode", "group", "requireTmpfs", "allowSharedDir"];
    private static readonly string[] HttpOutputKeys = ["listen"];
    private static readonly string[] SocketOutputKeys = ["path", "mode", "group", "allowUids", "allowGids", "maxConnections", "allowSharedDir"];

    private RawOutputs? ReadOutputs(SettingsNode node, int line, string path)
    {
        if (Mapping(node, line, path) is not { } map)
        {
            return null;
        }

        RawOutputs outputs = new(line);
        foreach ((string key, int keyLine, SettingsNode value, string keyPath) in Entries(map, path, OutputKeys))
        {
            if (key == "socket")
            {
                outputs.Socket = ReadSocketOutput(value, keyLine, keyPath);
                continue;
            }

            if (key == "http")
            {
                outputs.Http = ReadHttpOutput(value, keyLine, keyPath);
                continue;
            }

            RawFilesOutput files = new(keyLine);
            outputs.Files = files;
            if (Mapping(value, keyLine, keyPath) is not { } body)
            {
                continue;
            }

            foreach ((string fileKey, int fileKeyLine, SettingsNode fileValue, string fileKeyPath) in Entries(body, keyPath, FilesOutputKeys))
            {
                SettingsValue? scalar = Scalar(fileValue, fileKeyLine, fileKeyPath);
                switch (fileKey)
                {
                    case "dir": files.Dir = scalar; break;
                    case "fileMode": files.FileMode = scalar; break;
                    case "dirMode": files.DirMode = scalar; break;
                    case "group": files.Group = scalar; break;
                    case "allowSharedDir": files.AllowSharedDir = scalar; break;
                    default: files.RequireTmpfs = scalar; break;
                }
            }
        }

        return outputs;
    }

    private RawHttpOutput ReadHttpOutput(SettingsNode node, int line, string path)
    {
        RawHttpOutput http = new(line);
        if (Mapping(node, line, path) is not { } body)
        {
            return http;
        }

        foreach ((_, int keyLine, SettingsNode value, string keyPath) in Entries(body, path, HttpOutputKeys))
        {
            http.Listen = Scalar(value, keyLine, keyPath);
        }

        return http;
    }

    private RawSocketOutput ReadSocketOutput(SettingsNode node, int line, string path)
    {
        RawSocketOutput socket = new(line);
        if (Mapping(node, line, path) is not { } body)
        {
            return socket;
        }

        foreach ((string key, int keyLine, SettingsNode value, string keyPath) in Entries(body, path, SocketOutputKeys))
        {
            switch (key)
            {
                case "allowUids": socket.AllowUids = List(value, keyLine, keyPath); break;
                case "allowGids": socket.AllowGids = List(value, keyLine, keyPath); break;
                case "path": socket.Path = Scalar(value, keyLine, keyPath); break;
                case "mode": socket.Mode = Scalar(value, keyLine, keyPath); break;
                case "group": socket.Group = Scalar(value, keyLine, keyPath); break;
                case "allowSharedDir": socket.AllowSharedDir = Scalar(value, keyLine, keyPath); break;
                default: socket.MaxConnections = Scalar(value, keyLine, keyPath); break;
            }
        }

        return socket;
    }
}
