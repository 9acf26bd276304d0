import SchemaGenCLI
import ShopSchema

SchemaGenCommand.main(schemas: [shop])
