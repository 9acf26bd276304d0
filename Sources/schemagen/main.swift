import SchemaGenCLI

SchemaGenCommand.main()
