import SchemaDSL

/// The trigger function several seed systems declare to keep `updated_at` current on UPDATE.
func updatedAtFunction(_ name: String) -> Function {
    Function(name, returns: .trigger, body: """
        BEGIN
            NEW.updated_at = now();
            RETURN NEW;
        END;
        """)
}
