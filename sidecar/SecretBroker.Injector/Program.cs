// The composition lives in Cli/ and Hosting/ so tests can call it; this file only hands over the arguments.
return await SecretBroker.Injector.Cli.InjectorCli.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
