import SchemaGenCLI

SchemaGenCommand.main(schemas: [synthetic])
