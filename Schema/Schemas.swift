import SchemaDSL
