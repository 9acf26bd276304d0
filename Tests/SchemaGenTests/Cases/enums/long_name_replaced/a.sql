CREATE TYPE "payment_status_of_the_settlement_layer_for_cross_chain_transfer" AS ENUM ('pending', 'settled', 'failed');
CREATE TYPE "état_du_paiement_pour_la_couche_de_règlement_inter_chaînes" AS ENUM ('attente', 'réglé');
CREATE TABLE transfers (
  id bigint PRIMARY KEY,
  status "payment_status_of_the_settlement_layer_for_cross_chain_transfer" NOT NULL DEFAULT 'pending',
  état "état_du_paiement_pour_la_couche_de_règlement_inter_chaînes"
);
