import SchemaGenCLI
import Schemas

// This repository's own schemagen: the five seed systems are its declared schemas.
SchemaGenCommand.main(schemas: declaredSchemas)
