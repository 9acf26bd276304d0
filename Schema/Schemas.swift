import SchemaDSL

/// The declared schemas, by the name `--schema` takes.
public let declaredSchemas: [Database] = [computePools, erc8004, memoryAssets, ainp, mineGNK]
