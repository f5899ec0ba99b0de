region         = "eu-west-1"
aws_account_id = "491328705562"
