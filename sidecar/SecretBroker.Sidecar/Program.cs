// The composition lives in Cli/ and Hosting/ so tests can call it; this file only hands over the arguments.
return await SecretBroker.Sidecar.Cli.SecretBrokerCli.RunAsync(args).ConfigureAwait(false);
